package io.github.flinksslext.context;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.stores.Certificates;
import io.github.flinksslext.stores.KeyEntry;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;

import javax.net.ssl.X509TrustManager;

import java.security.cert.CertificateException;

/**
 * Internal peers share one configuration, so a truststore that refuses this process's own
 * certificate makes every peer refuse every other. Checked in both roles, since a certificate
 * can be fit to serve but not to authenticate a client (extended key usage).
 */
final class OwnCertificateTrust {

    private OwnCertificateTrust() {}

    static void check(KeyMaterial keys, TrustMaterial trust, PeerTrust peerTrust) {
        X509TrustManager manager = peerTrust.manager();
        for (KeyEntry entry : keys.entries()) {
            String role = "client";
            try {
                manager.checkClientTrusted(entry.chain(), entry.keyAlgorithm());
                role = "server";
                manager.checkServerTrusted(entry.chain(), serverAuthType(entry.keyAlgorithm()));
            } catch (CertificateException e) {
                throw new SslConfigurationException(
                        peerTrust.optionKey(trust),
                        "it does not accept this process's own certificate '" + Certificates.subject(entry.leaf())
                                + "' from '" + keys.location().path() + "' as a " + role + " (" + e.getMessage()
                                + "); every internal peer would refuse every other",
                        "put the CA that issued the certificate (or the certificate itself) into '"
                                + trust.location().pathKey() + "', make pins match it, and give it both the"
                                + " serverAuth and clientAuth extended key usages if it has any",
                        e);
            }
        }
    }

    private static String serverAuthType(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "RSA":
                return "ECDHE_RSA";
            case "EC":
                return "ECDHE_ECDSA";
            default:
                return "UNKNOWN";
        }
    }
}
