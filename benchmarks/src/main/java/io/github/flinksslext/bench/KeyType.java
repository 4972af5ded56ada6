package io.github.flinksslext.bench;

import io.github.flinksslext.testing.TestCertificates;

import java.security.KeyPair;

/** The keys a Flink operator ends up with: keytool's RSA (2048, or 4096 as Flink's docs say) and EC P-256. */
public enum KeyType {
    RSA_2048,
    RSA_4096,
    EC_P256;

    public KeyPair generate() {
        switch (this) {
            case RSA_2048:
                return TestCertificates.rsa(2048);
            case RSA_4096:
                return TestCertificates.rsa(4096);
            default:
                return TestCertificates.ecP256();
        }
    }
}
