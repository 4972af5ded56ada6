package io.github.flinksslext.context;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.stores.Certificates;
import io.github.flinksslext.stores.KeyEntry;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;

import javax.net.ssl.X509TrustManager;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

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
            requireIssuerRatherThanLeaf(entry, keys, trust);
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

    /**
     * A truststore holding the certificate itself instead of the CA that issued it trusts it, but
     * servers ask for client certificates issued by the truststore's CAs, so no client sends one.
     */
    private static void requireIssuerRatherThanLeaf(KeyEntry entry, KeyMaterial keys, TrustMaterial trust) {
        X509Certificate leaf = entry.leaf();
        if (Certificates.isSelfSigned(leaf) || !trust.anchors().contains(leaf) || trust.anchors().issuerOf(leaf) != null) {
            return;
        }
        String issuer = leaf.getIssuerX500Principal().getName();
        throw new SslConfigurationException(
                trust.location().pathKey(),
                "'" + trust.location().path() + "' holds this process's own certificate '" + Certificates.subject(leaf)
                        + "' but not the CA that issued it ('" + issuer + "'); a server asks for client certificates"
                        + " issued by the CAs in its truststore, so no internal client would present one",
                "put the CA certificate '" + issuer + "' into the truststore");
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
