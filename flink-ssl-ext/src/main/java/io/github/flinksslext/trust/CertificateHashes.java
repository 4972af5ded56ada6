package io.github.flinksslext.trust;

import io.github.flinksslext.stores.Certificates;

import java.security.cert.X509Certificate;

/** The three hashes a pin may name, computed once per peer certificate. */
final class CertificateHashes {

    private final byte[] sha1;
    private final byte[] sha256;
    private final byte[] publicKeySha256;

    CertificateHashes(X509Certificate cert) {
        this.sha1 = Certificates.sha1(cert);
        this.sha256 = Certificates.sha256(cert);
        this.publicKeySha256 = Certificates.publicKeySha256(cert);
    }

    byte[] of(Pin.Kind kind) {
        switch (kind) {
            case CERTIFICATE_SHA1:
                return sha1;
            case CERTIFICATE_SHA256:
                return sha256;
            default:
                return publicKeySha256;
        }
    }
}
