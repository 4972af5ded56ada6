package io.github.flinksslext.trust;

import javax.net.ssl.X509TrustManager;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Flink's own, weaker pinning, kept for migrations where the truststore lacks the peers' CA: only
 * the leaf's hash is compared; chain, signatures and dates are not checked. A plain
 * {@link X509TrustManager} on purpose: the JDK then adds its own algorithm-constraint and
 * host-name checks around it, as it does around Flink's.
 */
public final class PinsOnlyTrustManager implements X509TrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final PinSet pins;

    public PinsOnlyTrustManager(PinSet pins) {
        this.pins = pins;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pins.check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pins.check(chain, "server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
