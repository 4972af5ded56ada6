package io.github.flinksslext.stores.pem;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** Whether a private key belongs to a certificate: it signs what the certificate's public key verifies. */
public final class KeyOwnership {

    private KeyOwnership() {}

    public static boolean belongsTo(PrivateKey key, X509Certificate cert) {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "Ed25519":
            case "Ed448":
                algorithm = key.getAlgorithm();
                break;
            case "DSA":
                algorithm = "SHA256withDSA";
                break;
            default:
                return cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm());
        }
        try {
            byte[] probe = "flink-ssl-ext key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
