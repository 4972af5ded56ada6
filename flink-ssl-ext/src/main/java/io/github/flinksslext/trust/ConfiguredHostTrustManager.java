package io.github.flinksslext.trust;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Flink's REST client before 2.3 creates its TLS engines without the host it connects to, so the
 * JDK cannot check the server's name and fails every handshake. For such engines this checks the
 * name the configuration says the client connects to ({@code rest.address}); engines that know
 * their host go to the standard check unchanged.
 */
public final class ConfiguredHostTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String configuredHost;

    public ConfiguredHostTrustManager(X509ExtendedTrustManager delegate, String configuredHost) {
        this.delegate = delegate;
        this.configuredHost = configuredHost;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (engine != null && engine.getPeerHost() == null && verifiesHostname(engine.getSSLParameters())) {
            delegate.checkServerTrusted(chain, authType);
            HostnameMatcher.check(chain[0], configuredHost);
            return;
        }
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private static boolean verifiesHostname(SSLParameters parameters) {
        return "HTTPS".equalsIgnoreCase(parameters.getEndpointIdentificationAlgorithm());
    }
}
