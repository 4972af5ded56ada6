package io.github.flinksslext.hook;

import io.github.flinksslext.testing.OpensslClient;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsServer;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS 1.2 client must not make a server repeat its handshake work on one connection: with
 * OPENSSL, BoringSSL refuses renegotiation; the JDK accepts it unless told otherwise. Driven by
 * {@code openssl s_client}, whose "R" line renegotiates.
 */
class RenegotiationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} server")
    @CsvSource({"JDK, REST", "OPENSSL, REST", "JDK, INTERNAL", "OPENSSL, INTERNAL"})
    void clientInitiatedRenegotiationIsRefusedAndTheConnectionClosed(String provider, String endpoint) throws Exception {
        Identity ca = TestCertificates.identity("ca").ca().build();
        Identity node = ca.issue("node").dnsName("localhost").build();
        TlsFixture fixture = new TlsFixture(dir);
        boolean rest = endpoint.equals("REST");
        Configuration config = with(rest ? fixture.rest(node, ca.certificate()) : fixture.internal(node, ca.certificate()),
                "security.ssl.provider", provider);
        SSLHandlerFactory tls = rest
                ? SSLUtils.createRestServerSSLEngineFactory(config)
                : SSLUtils.createInternalServerSSLEngineFactory(config);
        Path certificate = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        TestCertificates.writePem(node, certificate, key); // internal TLS is mutual

        try (TlsServer server = TlsServer.echo(tls);
                OpensslClient client = OpensslClient.connect(
                        server.port(), "-tls1_2", "-cert", certificate.toString(), "-key", key.toString())) {
            assertThat(client.send("before renegotiation")).isTrue();
            assertThat(client.awaitLine(line -> line.equals("before renegotiation")))
                    .as("a plain TLS 1.2 exchange works: %s", client.output()).isTrue();

            assertThat(client.send("R")).isTrue();
            assertThat(client.awaitLine(line -> line.contains("RENEGOTIATING"))).as(client.output()).isTrue();
            client.send("after renegotiation"); // may find s_client gone already: the server closed first

            assertThat(client.awaitLine(line -> line.equals("after renegotiation")))
                    .as("the server renegotiated and kept the connection: %s", client.output()).isFalse();
            assertThat(client.exitsWithoutInput()).as("the server closed the connection").isTrue();
            assertThat(client.output()).containsIgnoringCase("alert");
        }
    }
}
