package io.github.flinksslext.examples;

import io.github.flinksslext.spi.SslContextFactory;
import io.github.flinksslext.spi.SslContextRequest;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;

import java.io.File;

/**
 * Builds every Flink TLS context from the PEM files cert-manager writes into a Kubernetes
 * secret volume: tls.crt (certificate chain), tls.key (PKCS#8 key) and ca.crt (the CA to trust).
 */
public final class PemDirectorySslContextFactory implements SslContextFactory {

    public static final ConfigOption<String> PEM_DIRECTORY =
            ConfigOptions.key("example.tls.pem-directory").stringType().noDefaultValue();

    @Override
    public SslContext createSslContext(SslContextRequest request) throws Exception {
        String directory = request.configuration().getOptional(PEM_DIRECTORY).orElseThrow(
                () -> new IllegalConfigurationException(PEM_DIRECTORY.key() + " is not set: name the secret's mount path"));
        File certificate = new File(directory, "tls.crt");
        File key = new File(directory, "tls.key");
        File ca = new File(directory, "ca.crt");

        SslContextBuilder builder = request.isClient()
                ? SslContextBuilder.forClient().keyManager(certificate, key)
                : SslContextBuilder.forServer(certificate, key).clientAuth(request.clientAuth());
        return builder
                .trustManager(ca)
                .sslProvider(request.provider()) // JDK where Flink needs a JDK context (blob sockets)
                .protocols("TLSv1.3")
                .build();
    }
}
