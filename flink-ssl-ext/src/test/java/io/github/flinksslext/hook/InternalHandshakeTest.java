package io.github.flinksslext.hook;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.OpenSsl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

/** Internal mutual TLS through SSLUtils, as Flink's data plane uses it, over real loopback sockets. */
class InternalHandshakeTest {

    private static final byte[] PAYLOAD = "records crossing TaskManagers".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void bundledBoringSslLoads() {
        assertThat(OpenSsl.isAvailable()).as("bundled BoringSSL: %s", OpenSsl.unavailabilityCause()).isTrue();
    }

    @ParameterizedTest(name = "server {0}, client {1}, {2} key")
    @CsvSource({
        "JDK, JDK, RSA", "OPENSSL, OPENSSL, RSA", "JDK, OPENSSL, RSA", "OPENSSL, JDK, RSA",
        "JDK, JDK, EC", "OPENSSL, OPENSSL, EC", "JDK, OPENSSL, EC", "OPENSSL, JDK, EC"
    })
    void mutualTlsBetweenProviders(String serverProvider, String clientProvider, String keyType) throws Exception {
        KeyPair keys = keyType.equals("EC") ? TestCertificates.ecP256() : TestCertificates.rsa(2048);
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Identity node = ca.issue("taskmanager").keys(keys).build();
        TlsFixture fixture = new TlsFixture(dir);
        Configuration base = fixture.internal(node, ca.certificate());

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(TlsFixture.with(base, "security.ssl.provider", serverProvider)),
                SSLUtils.createInternalClientSSLEngineFactory(TlsFixture.with(base, "security.ssl.provider", clientProvider)),
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
        assertThat(outcome.protocol).isEqualTo("TLSv1.3");
    }

    @Test
    void flinkDocsSetupWithOneSelfSignedCertificateForKeystoreAndTruststore() throws Exception {
        Identity node = TestCertificates.identity("flink.internal").build();
        Configuration config = new TlsFixture(dir).internal(node, node.certificate());

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config),
                SSLUtils.createInternalClientSSLEngineFactory(config),
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JDK", "OPENSSL"})
    void peerFromAnotherCaIsRefusedInBothDirections(String provider) throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Identity otherCa = TestCertificates.identity("other-ca").ca().build();
        TlsFixture fixture = new TlsFixture(dir);
        Configuration trusted = TlsFixture.with(
                fixture.internal(ca.issue("tm-1").build(), ca.certificate()), "security.ssl.provider", provider);
        Configuration stranger = TlsFixture.with(
                fixture.internal(otherCa.issue("intruder").build(), otherCa.certificate()), "security.ssl.provider", provider);

        Outcome strangerAsClient = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(trusted),
                SSLUtils.createInternalClientSSLEngineFactory(stranger),
                PAYLOAD);
        assertThat(strangerAsClient.succeeded()).isFalse();
        assertThat(strangerAsClient.serverFailure).as("the server refuses the client").isNotNull();

        Outcome strangerAsServer = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(stranger),
                SSLUtils.createInternalClientSSLEngineFactory(trusted),
                PAYLOAD);
        assertThat(strangerAsServer.succeeded()).isFalse();
        assertThat(strangerAsServer.clientFailure).as("the client refuses the server").isNotNull();
    }
}
