package io.github.flinksslext.cli;

import io.github.flinksslext.cli.CommandLineRun.Result;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.flinksslext.testing.TlsFixture.STORE_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pins} prints every pin form of a certificate exactly as the fingerprint options take it:
 * pasted into {@code security.ssl.rest.cert.fingerprint}, each makes a real handshake accept that
 * certificate, through the jar's SSLUtils, and a pin of another certificate is refused.
 */
class PinsCommandTest {

    private static final byte[] PAYLOAD = "pinned".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;
    private Identity server;
    private Path serverKeyStore;

    @BeforeEach
    void material() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("pins-ca").ca().build();
        server = ca.issue("rest-server").dnsName("localhost").build();
        serverKeyStore = fixture.keyStore(server);
    }

    /** The three pins printed for the certificate numbered {@code index} (1-based). */
    private static List<String> pinsOf(String output, int index) {
        Matcher block = Pattern.compile("\\[" + index + "\\] [^\\n]*\\n((?: {4}[^\\n]*\\n)+)").matcher(output);
        assertThat(block.find()).as(output).isTrue();
        List<String> pins = new ArrayList<>();
        for (String label : new String[] {"SHA-1", "SHA-256", "key pin"}) {
            Matcher line = Pattern.compile("(?m)^ {4}" + Pattern.quote(label) + " +(\\S+)$").matcher(block.group(1));
            assertThat(line.find()).as(block.group(1)).isTrue();
            pins.add(line.group(1));
        }
        return pins;
    }

    /** A REST server with the keystore, and a REST client that trusts the CA and pins {@code pin}. */
    private Outcome restHandshakePinning(String pin) throws Exception {
        Configuration serverConfig = fixture.rest(server, ca.certificate());
        serverConfig.setString("security.ssl.rest.keystore", serverKeyStore.toString());
        Configuration clientConfig = with(fixture.rest(null, ca.certificate()), "security.ssl.rest.cert.fingerprint", pin);
        return NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(serverConfig),
                SSLUtils.createRestClientSSLEngineFactory(clientConfig),
                PAYLOAD);
    }

    @Test
    void everyPinPrintedForAKeystoreMakesAHandshakeAcceptThatCertificate() throws Exception {
        Result result = CommandLineRun.javaJar(Map.of(PinsCommand.PASSWORD_VARIABLE, STORE_PASSWORD),
                "pins", serverKeyStore.toString());

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("2 certificates")
                .contains("[1] alias 'key' (private key entry), certificate 1 of 2")
                .contains("[2] alias 'key' (private key entry), certificate 2 of 2, its issuer's")
                .doesNotContain(STORE_PASSWORD);
        List<String> pins = pinsOf(result.out, 1);
        // the forms the option documents, computed independently of the jar
        assertThat(pins).containsExactly(
                PinForms.SHA1_COLONS_UPPER.of(server.certificate()),
                PinForms.SHA256_COLONS_LOWER.of(server.certificate()).toUpperCase(),
                PinForms.PUBLIC_KEY_SHA256.of(server.certificate()));
        for (String pin : pins) {
            Outcome outcome = restHandshakePinning(pin);
            assertThat(outcome.succeeded()).as(pin + ": " + outcome.failureMessages()).isTrue();
            assertThat(outcome.echoed).isEqualTo(PAYLOAD);
        }
        // the CA's pins are printed too: a pin may name an issuer on the validated chain (OkHttp's rule)
        Outcome caPinned = restHandshakePinning(pinsOf(result.out, 2).get(1));
        assertThat(caPinned.succeeded()).as(caPinned.failureMessages()).isTrue();
    }

    @Test
    void theChainALiveServerPresentsEvenWhenItRequiresAClientCertificate() throws Exception {
        // the blob server's sockets: internal TLS, mutual, through the jar's SSLUtils
        Configuration internal = fixture.internal(server, ca.certificate());
        ServerSocketFactory sockets = SSLUtils.createSSLServerSocketFactory(internal);
        try (ServerSocket listener = sockets.createServerSocket(0, 50, TestCertificates.loopback())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        ((SSLSocket) socket).startHandshake();
                    } catch (IOException e) {
                        // the command presents no certificate and is refused after reading the chain
                    }
                }
            }, "pins-test-server");
            acceptor.setDaemon(true);
            acceptor.start();

            Result result = CommandLineRun.javaJar("pins",
                    "localhost:" + ((InetSocketAddress) listener.getLocalSocketAddress()).getPort());

            assertThat(result.exitCode).as(result.toString()).isZero();
            assertThat(result.out).contains("2 certificates").contains("certificate 1 of 2 (the server's own)");
            List<String> pins = pinsOf(result.out, 1);
            assertThat(pins.get(1)).isEqualTo(PinForms.SHA256_COLONS_LOWER.of(server.certificate()).toUpperCase());
            Outcome outcome = restHandshakePinning(pins.get(2));
            assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        }
    }

    @Test
    void pemFilesAndJson() throws Exception {
        Path pem = dir.resolve("chain.pem");
        StringBuilder text = new StringBuilder("some text before\n");
        for (java.security.cert.X509Certificate cert : server.chain) {
            text.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        text.append("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Files.write(pem, text.toString().getBytes(StandardCharsets.US_ASCII));

        Result plain = CommandLineRun.javaJar("pins", pem.toString());
        assertThat(plain.exitCode).as(plain.toString()).isZero();
        assertThat(pinsOf(plain.out, 1).get(2)).isEqualTo(PinForms.PUBLIC_KEY_SHA256.of(server.certificate()));

        Result json = CommandLineRun.javaJar("pins", "--format", "json", pem.toString());
        assertThat(json.exitCode).as(json.toString()).isZero();
        JsonNode certificates = new ObjectMapper().readTree(json.out).get("certificates");
        assertThat(certificates).hasSize(2);
        assertThat(certificates.get(0).get("sha1").asText()).isEqualTo(PinForms.SHA1_COLONS_UPPER.of(server.certificate()));
        assertThat(certificates.get(1).get("ca").asBoolean()).isTrue();
    }

    @Test
    void storesNeedTheirPassword() throws Exception {
        Result none = CommandLineRun.javaJar("pins", serverKeyStore.toString());
        assertThat(none.exitCode).as(none.toString()).isEqualTo(2);
        assertThat(none.err).contains("--password").contains(PinsCommand.PASSWORD_VARIABLE);

        Result wrong = CommandLineRun.javaJar("pins", "--password", "wrong", serverKeyStore.toString());
        assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err).contains("the password does not open");

        Result neither = CommandLineRun.javaJar("pins", "no-such-file");
        assertThat(neither.exitCode).isEqualTo(2);
        assertThat(neither.err).contains("neither a file nor host:port");
    }
}
