package io.github.flinksslext.spi;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.examples.PemDirectorySslContextFactory;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLServerSocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A factory of the user's own, chosen with security.ssl.context-factory. */
class SslContextFactorySpiTest {

    private static final byte[] PAYLOAD = "through a custom factory".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Configuration pemFactoryConfig(String provider) throws IOException {
        Identity ca = TestCertificates.identity("cert-manager-ca").ca().build();
        Identity node = ca.issue("flink-internal").build();
        Files.write(dir.resolve("tls.crt"), (pem("CERTIFICATE", encoded(node.chain[0]))
                + pem("CERTIFICATE", encoded(node.chain[1]))).getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("tls.key"), pem("PRIVATE KEY", node.keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("ca.crt"), pem("CERTIFICATE", encoded(ca.certificate())).getBytes(StandardCharsets.US_ASCII));
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.context-factory", PemDirectorySslContextFactory.class.getName());
        config.setString("example.tls.pem-directory", dir.toString());
        config.setString("security.ssl.provider", provider);
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void readmeExampleFactoryServesInternalMutualTls(String provider) throws Exception {
        Configuration config = pemFactoryConfig(provider);
        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config),
                SSLUtils.createInternalClientSSLEngineFactory(config),
                PAYLOAD);
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.protocol).isEqualTo("TLSv1.3");
        try (SSLServerSocket socket = (SSLServerSocket)
                SSLUtils.createSSLServerSocketFactory(config).createServerSocket(0, 1, TestCertificates.loopback())) {
            assertThat(socket.getNeedClientAuth()).isTrue();
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
    }

    @Test
    void readmeShowsTheExampleFactoryVerbatim() throws IOException {
        String readme = new String(Files.readAllBytes(Paths.get("..", "README.md")), StandardCharsets.UTF_8);
        String source = new String(Files.readAllBytes(
                Paths.get("src/test/java/io/github/flinksslext/examples/PemDirectorySslContextFactory.java")),
                StandardCharsets.UTF_8);
        assertThat(readme).contains(source.trim());
    }

    @Test
    void missingClass() {
        assertFactoryRefused("com.example.NoSuchFactory", "is not on the classpath");
    }

    @Test
    void classThatIsNotAFactory() {
        assertFactoryRefused(TestFactories.NotAFactory.class.getName(), "does not implement " + SslContextFactory.class.getName());
    }

    @Test
    void constructorThatThrows() {
        Throwable error = assertFactoryRefused(TestFactories.ThrowingFactory.class.getName(), "vault unreachable");
        assertThat(error.getCause()).hasMessage("vault unreachable");
    }

    @Test
    void factoryThatReturnsNoContext() {
        assertFactoryRefused(TestFactories.NullFactory.class.getName(), "returned no context");
    }

    private static Throwable assertFactoryRefused(String className, String problem) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.context-factory", className);
        Throwable error = catchThrowable(() -> SSLUtils.createInternalServerSSLEngineFactory(config));
        assertThat(error).isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.context-factory'").hasMessageContaining(problem);
        return error;
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
