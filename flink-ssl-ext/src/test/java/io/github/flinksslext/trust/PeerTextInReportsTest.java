package io.github.flinksslext.trust;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unauthenticated peer chooses the names in its certificate, and Flink logs refusals at ERROR:
 * whatever it wrote must not start a log line of its own.
 */
class PeerTextInReportsTest {

    private static final byte[] PAYLOAD = "records".getBytes(StandardCharsets.UTF_8);
    private static final String FORGED = "2025-01-01 00:00:00.000 ERROR org.apache.flink.runtime.Fake - all good";
    private static final String EVIL_NAME = "intruder\r\n" + FORGED + "\u2028\u202e";

    @TempDir
    Path dir;

    /**
     * Refused for its chain (a self-signed server: a self-signed client would not even be asked for
     * its certificate) or for its pin (a client issued by the trusted CA, not pinned).
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"JDK, self-signed server", "OPENSSL, self-signed server", "JDK, client of the trusted CA",
            "OPENSSL, client of the trusted CA"})
    void aForgedLineInAPeerCertificateIsEscapedInTheRefusal(String provider, String peer) throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Identity node = ca.issue("taskmanager").build();
        boolean selfSignedServer = peer.equals("self-signed server");
        Identity intruder = selfSignedServer ? TestCertificates.identity(EVIL_NAME).build() : ca.issue(EVIL_NAME).build();
        Configuration verifier = with(with(new TlsFixture(dir).internal(node, ca.certificate()), "security.ssl.provider", provider),
                "security.ssl.internal.cert.fingerprint", PinForms.SHA256_COLONS_LOWER.of(node.certificate()));

        Outcome outcome = selfSignedServer
                ? NettyTlsExchange.run(RawPeer.server(intruder), SSLUtils.createInternalClientSSLEngineFactory(verifier), PAYLOAD)
                : NettyTlsExchange.run(SSLUtils.createInternalServerSSLEngineFactory(verifier), RawPeer.client(intruder), PAYLOAD);

        assertThat(selfSignedServer ? outcome.clientFailure : outcome.serverFailure).as("the intruder is refused").isNotNull();
        String report = outcome.failureMessages();
        assertThat(report).contains(selfSignedServer ? "Certificate chain check failed" : "Certificate pinning failure")
                .contains("CN=intruder\\r\\n" + FORGED + "\\u2028\\u202E")
                .doesNotContain("\n" + FORGED)
                .doesNotContain("\r")
                .doesNotContain("\u2028")
                .doesNotContain("\u202e");
    }
}
