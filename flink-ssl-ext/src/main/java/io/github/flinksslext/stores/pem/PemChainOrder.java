package io.github.flinksslext.stores.pem;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A key file's chain must start with the key's own certificate, each certificate followed by its
 * issuer: peers read it in that order, and a chain out of order fails every handshake.
 */
final class PemChainOrder {

    private PemChainOrder() {}

    /** @param key the private key, or null while it is still encrypted (then only the issuer order is checked) */
    static void check(PrivateKey key, X509Certificate[] chain) throws IOException {
        if (key != null && !KeyOwnership.belongsTo(key, chain[0])) {
            for (int i = 1; i < chain.length; i++) {
                if (KeyOwnership.belongsTo(key, chain[i])) {
                    throw new IOException("the chain is out of order: the private key's certificate is number " + (i + 1)
                            + "; put it first, then each issuer after the certificate it signed");
                }
            }
            throw new IOException("the private key does not belong to any of its certificates; put the certificate"
                    + " that was issued for this key first");
        }
        for (int i = 0; i + 1 < chain.length; i++) {
            if (!issued(chain[i + 1], chain[i])) {
                throw new IOException("the chain is out of order: certificate " + (i + 2) + " did not issue certificate "
                        + (i + 1) + "; put the key's certificate first, then each issuer after the certificate it signed");
            }
        }
    }

    private static boolean issued(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
