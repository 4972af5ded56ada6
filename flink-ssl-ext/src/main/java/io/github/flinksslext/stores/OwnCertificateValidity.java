package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.Date;

/**
 * Refuses an own certificate that peers would refuse for its dates, before any peer does. A
 * self-signed certificate is the exception: peers can only trust it as a trust anchor, the JDK does
 * not date-check trust anchors, and Flink's own test keystore relies on that, so it only warns.
 */
public final class OwnCertificateValidity {

    private static final Logger LOG = LoggerFactory.getLogger(OwnCertificateValidity.class);

    private OwnCertificateValidity() {}

    /**
     * @param trust the truststore of the same endpoint, or null when there is none
     */
    public static void check(KeyMaterial keys, TrustMaterial trust, Date now) {
        for (KeyEntry entry : keys.entries()) {
            X509Certificate leaf = entry.leaf();
            // A self-signed certificate is only ever trusted as a trust anchor, and anchors are not
            // date-checked: peers that pin it accept it expired (Flink's own test keystores rely on that).
            if (Certificates.isSelfSigned(leaf)) {
                warnIfOutOfDate(leaf, entry, keys, now);
                continue;
            }
            X509Certificate[] chain = entry.chain();
            for (int i = 0; i < chain.length; i++) {
                String problem = Certificates.validityProblem(chain[i], now);
                if (problem != null) {
                    throw outOfDate(entry, keys, chain[i], i == 0, problem, trust);
                }
            }
            checkIssuingAnchor(chain, entry, keys, trust, now);
        }
    }

    private static void warnIfOutOfDate(X509Certificate leaf, KeyEntry entry, KeyMaterial keys, Date now) {
        String problem = Certificates.validityProblem(leaf, now);
        if (problem != null) {
            LOG.warn(
                    "The certificate '{}' (alias '{}') in '{}' {}. Peers accept it only because they trust it as a"
                            + " trust anchor, which is not date-checked; renew it.",
                    Certificates.subject(leaf), entry.alias(), keys.location().path(), problem);
        }
    }

    private static SslConfigurationException outOfDate(
            KeyEntry entry, KeyMaterial keys, X509Certificate cert, boolean leaf, String problem, TrustMaterial trust) {
        String where = "the certificate '" + Certificates.subject(entry.leaf()) + "' (alias '" + entry.alias() + "') in '"
                + keys.location().path() + "'";
        if (leaf) {
            return new SslConfigurationException(
                    keys.location().pathKey(),
                    where + " " + problem + ", so peers refuse it",
                    "renew the certificate and replace the keystore");
        }
        return new SslConfigurationException(
                keys.location().pathKey(),
                where + " is signed by the CA '" + Certificates.subject(cert) + "', which " + problem,
                "re-issue the certificate from a valid CA"
                        + (trust == null ? "" : " and put that CA in '" + trust.location().pathKey() + "'"));
    }

    private static void checkIssuingAnchor(
            X509Certificate[] chain, KeyEntry entry, KeyMaterial keys, TrustMaterial trust, Date now) {
        if (trust == null) {
            return;
        }
        X509Certificate anchor = trust.anchors().outOfDateAnchor(chain, now);
        if (anchor != null) {
            throw outOfDate(entry, keys, anchor, false, Certificates.validityProblem(anchor, now), trust);
        }
    }
}
