package io.github.flinksslext.engine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

/**
 * Run in a JVM of its own by {@link JvmTlsDefaultsTest}: builds what a Flink process builds and
 * prints what EngineCapabilities says, so the test can compare with a healthy JVM.
 * Arguments: Flink configuration entries as key=value.
 */
public final class BrokenJvmDefaultsProbe {

    private BrokenJvmDefaultsProbe() {}

    public static void main(String[] args) throws Exception {
        EngineCapabilities jdk = EngineCapabilities.of(SslProvider.JDK);
        System.out.println("permittedProtocols=" + jdk.permittedProtocols());
        System.out.println("supportsTLS_AES_128_GCM_SHA256=" + jdk.supportsCipherSuite("TLS_AES_128_GCM_SHA256"));
        Configuration config = new Configuration();
        for (String entry : args) {
            int equals = entry.indexOf('=');
            config.setString(entry.substring(0, equals), entry.substring(equals + 1));
        }
        SSLUtils.createInternalServerSSLEngineFactory(config);
        SSLUtils.createInternalClientSSLEngineFactory(config);
        SSLUtils.createSSLServerSocketFactory(config);
        SSLUtils.createRestServerSSLEngineFactory(config);
        SSLUtils.createRestClientSSLEngineFactory(config);
        System.out.println("contexts built");
    }
}
