package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.Date;

/**
 * Refuses an own certificate that peers would refuse for its dates, before any peer does. A
 * self-signed certificate that is itself in the truststore is the exception: the JDK does not
 * date-check trust anchors, Flink's own test keystore relies on that, so it only warns.
 */
public final class OwnCertificateValidity {

    private static final Logger LOG = LoggerFactory.getLogger(OwnCertificateValidity.class);

    private OwnCertificateValidity() {}

    /**
     * @param trust the truststore of the same endpoint, or null when there is none
     */
    public static void check(KeyMaterial keys, TrustMaterial trust, Date now) {
        String keystoreKey = keys.location().pathKey();
        for (KeyEntry entry : keys.entries()) {
            X509Certificate[] chain = entry.chain();
            for (X509Certificate cert : chain) {
                String problem = Certificates.validityProblem(cert, now);
                boolean anchor = trust != null && trust.isAnchor(cert) && Certificates.isSelfSigned(cert);
                if (anchor) {
                    if (problem != null) {
                        LOG.warn(
                                "The certificate '{}' (alias '{}') in '{}' {}. Peers accept it only because it is itself"
                                        + " in the truststore and trust anchors are not date-checked; renew it.",
                                Certificates.subject(cert), entry.alias(), keys.location().path(), problem);
                    }
                    break;
                }
                if (problem != null) {
                    throw new SslConfigurationException(
                            keystoreKey,
                            "the certificate '" + Certificates.subject(cert) + "' (alias '" + entry.alias() + "') in '"
                                    + keys.location().path() + "' " + problem + ", so peers refuse it",
                            "renew the certificate and replace the keystore");
                }
            }
            checkIssuingAnchor(chain[chain.length - 1], entry, keys, trust, now);
        }
    }

    private static void checkIssuingAnchor(
            X509Certificate top, KeyEntry entry, KeyMaterial keys, TrustMaterial trust, Date now) {
        if (trust == null || Certificates.isSelfSigned(top)) {
            return;
        }
        X509Certificate issuer = trust.issuerOf(top);
        if (issuer == null) {
            return;
        }
        String problem = Certificates.validityProblem(issuer, now);
        if (problem != null) {
            throw new SslConfigurationException(
                    keys.location().pathKey(),
                    "the certificate '" + Certificates.subject(entry.leaf()) + "' in '" + keys.location().path()
                            + "' is signed by the CA '" + Certificates.subject(issuer) + "', which " + problem,
                    "re-issue the certificate from a valid CA and put that CA in '" + trust.location().pathKey() + "'");
        }
    }
}
