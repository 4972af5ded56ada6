package io.github.flinksslext.trust;

import io.github.flinksslext.config.SslConfigurationException;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The JVM's PKIX chain validation over a truststore: what every verifying side checks first. */
public final class StandardTrust {

    private StandardTrust() {}

    /**
     * @param trustStore the truststore, or null for the JVM's default CAs
     * @param optionKey the option that named the truststore, for the message if it is unusable
     * @param source how the message names the truststore
     */
    public static X509ExtendedTrustManager over(KeyStore trustStore, String optionKey, String source) {
        TrustManagerFactory factory;
        try {
            factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    optionKey,
                    "no trust manager can be built from " + source + " (" + e.getMessage() + ")",
                    "re-create the truststore with standard certificates",
                    e);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) manager;
            }
        }
        throw new IllegalStateException(
                "the JVM's " + factory.getAlgorithm() + " trust manager factory has no X.509 trust manager");
    }
}
