package io.github.flinksslext.hook;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;
import io.github.flinksslext.trust.PinVerifications;

import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.engine.KeyExchangeGroups;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLEngine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinksslext.testing.Refusals.refused;
import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key-exchange groups over real loopback handshakes through SSLUtils: the hybrid post-quantum
 * default between two OPENSSL sides, the classical fallback with a JDK 17 peer, the strict mode,
 * and the startup errors. The negotiated group is read from each side's live engine.
 */
class KeyExchangeGroupsTest {

    private static final byte[] PAYLOAD = "records crossing TaskManagers".getBytes(StandardCharsets.UTF_8);
    private static final String INTERNAL_GROUPS = "security.ssl.internal.key-exchange-groups";

    @TempDir
    Path dir;

    private Identity ca;
    private Configuration base;

    @BeforeEach
    void internalTls() {
        ca = TestCertificates.identity("internal-ca").keys(TestCertificates.ecP256()).ca().build();
        base = new TlsFixture(dir).internal(ca.issue("taskmanager").keys(TestCertificates.ecP256()).build(), ca.certificate());
    }

    private static Configuration provider(Configuration config, String provider) {
        return with(config, "security.ssl.provider", provider);
    }

    private static Outcome exchange(Configuration server, Configuration client) throws Exception {
        return NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(server), SSLUtils.createInternalClientSSLEngineFactory(client), PAYLOAD);
    }

    @Test
    void opensslPeersNegotiateTheHybridGroupByDefault() throws Exception {
        Configuration openssl = provider(base, "OPENSSL");

        Outcome outcome = exchange(openssl, openssl);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.protocol).isEqualTo("TLSv1.3");
        assertThat(outcome.clientKeyExchangeGroup).contains("X25519MLKEM768");
        assertThat(outcome.serverKeyExchangeGroup).contains("X25519MLKEM768");
    }

    /** JDK 17 has no ML-KEM: the OPENSSL side, in either role, settles on X25519 and the connection works. */
    @ParameterizedTest(name = "server {0}, client {1}")
    @CsvSource({"OPENSSL, JDK", "JDK, OPENSSL"})
    void opensslFallsBackToAClassicalGroupWithAJdkPeer(String serverProvider, String clientProvider) throws Exception {
        Outcome outcome = exchange(provider(base, serverProvider), provider(base, clientProvider));

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
        assertThat(outcome.protocol).isEqualTo("TLSv1.3");
        boolean opensslServer = serverProvider.equals("OPENSSL");
        assertThat(opensslServer ? outcome.serverKeyExchangeGroup : outcome.clientKeyExchangeGroup).contains("X25519");
        assertThat(opensslServer ? outcome.clientKeyExchangeGroup : outcome.serverKeyExchangeGroup).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {"X25519,P-256; X25519", "P-256; P-256", "secp384r1; P-384", "x25519, secp256r1; X25519"})
    void theConfiguredOrderIsWhatIsNegotiated(String groups, String negotiated) throws Exception {
        Configuration config = with(provider(base, "OPENSSL"), INTERNAL_GROUPS, groups);

        Outcome outcome = exchange(config, config);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.clientKeyExchangeGroup).contains(negotiated);
        assertThat(outcome.serverKeyExchangeGroup).contains(negotiated);
    }

    @Test
    void theSharedKeyIsTheFallbackForBothEndpoints() throws Exception {
        Configuration config = with(provider(base, "OPENSSL"), "security.ssl.key-exchange-groups", "P-256");

        assertThat(exchange(config, config).serverKeyExchangeGroup).contains("P-256");
        Configuration own = with(config, INTERNAL_GROUPS, "X25519");
        assertThat(exchange(own, own).serverKeyExchangeGroup).contains("X25519");
    }

    /** Strict mode: only the hybrid group and TLS 1.3; the jar's peers connect, a JDK 17 peer is refused. */
    @Test
    void postQuantumOnlyRefusesAClassicalPeer() throws Exception {
        Configuration strict = with(with(provider(base, "OPENSSL"), INTERNAL_GROUPS, "X25519MLKEM768"),
                "security.ssl.protocol", "TLSv1.3");
        Configuration jdk = with(provider(base, "JDK"), "security.ssl.protocol", "TLSv1.3");

        Outcome jar = exchange(strict, strict);
        assertThat(jar.succeeded()).as(jar.toString()).isTrue();
        assertThat(jar.serverKeyExchangeGroup).contains("X25519MLKEM768");

        Outcome jdkClient = exchange(strict, jdk);
        assertThat(jdkClient.succeeded()).isFalse();
        assertThat(jdkClient.echoed).isNull();
        Outcome jdkServer = exchange(jdk, strict);
        assertThat(jdkServer.succeeded()).isFalse();
        assertThat(jdkServer.echoed).isNull();
    }

    @Test
    void postQuantumOnlyWithTls12EnabledIsAStartupError() {
        Configuration config = with(provider(base, "OPENSSL"), INTERNAL_GROUPS, "X25519MLKEM768");

        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(config), INTERNAL_GROUPS);

        assertThat(message).contains("only post-quantum groups [X25519MLKEM768]").contains("TLSv1.2")
                .contains("'security.ssl.protocol: TLSv1.3'").contains("add X25519");
    }

    @ParameterizedTest
    @ValueSource(strings = {"security.ssl.internal.key-exchange-groups", "security.ssl.key-exchange-groups"})
    void anUnknownGroupIsAStartupErrorListingTheSupportedOnes(String key) {
        Configuration config = with(provider(base, "OPENSSL"), key, "X25519MLKEM768, X448");

        String message = refused(() -> SSLUtils.createInternalClientSSLEngineFactory(config), key);

        assertThat(message).contains("'X448' is not a key-exchange group the OPENSSL engine")
                .contains("X25519MLKEM768,MLKEM1024,X25519,P-256,P-384,P-521");
    }

    @Test
    void anUnknownRestGroupNamesTheRestOption() {
        Identity rest = ca.issue("localhost").keys(TestCertificates.ecP256()).build();
        Configuration config = with(provider(new TlsFixture(dir).rest(rest, ca.certificate()), "OPENSSL"),
                "security.ssl.rest.key-exchange-groups", "P-256,kyber");

        String message = refused(() -> SSLUtils.createRestServerSSLEngineFactory(config), "security.ssl.rest.key-exchange-groups");

        assertThat(message).contains("'kyber'");
    }

    @Test
    void aListWithTheJdkProviderIsAStartupError() {
        Configuration config = with(provider(base, "JDK"), INTERNAL_GROUPS, "X25519");

        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(config), INTERNAL_GROUPS);

        assertThat(message).contains("'security.ssl.provider' is JDK").contains("cannot set them per connection")
                .contains("jdk.tls.namedGroups").contains("'security.ssl.provider: OPENSSL'");
    }

    /** Flink still builds JDK sockets for the blob server with OPENSSL configured: they keep the JDK's groups. */
    @Test
    void theBlobServerKeepsTheJdksGroupsWithOpensslConfigured() throws Exception {
        Configuration config = with(provider(base, "OPENSSL"), INTERNAL_GROUPS, "X25519MLKEM768,X25519");

        assertThat(SSLUtils.createSSLServerSocketFactory(config)).isNotNull();
        assertThat(SSLUtils.createSSLClientSocketFactory(config)).isNotNull();
    }

    @Test
    void theStartupLineSaysWhatIsOfferedAndWhatTheValidationNegotiated() throws Exception {
        Configuration openssl = provider(base, "OPENSSL");
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(openssl);
            SSLUtils.createInternalServerSSLEngineFactory(with(openssl, INTERNAL_GROUPS, "X25519MLKEM768,X25519"));
            SSLUtils.createInternalServerSSLEngineFactory(provider(base, "JDK"));
            SSLUtils.createInternalServerSSLEngineFactory(with(openssl, INTERNAL_GROUPS, "P-256"));

            assertThat(log.at(Level.INFO)).filteredOn(line -> line.contains("TLS context for internal server"))
                    .anySatisfy(line -> assertThat(line)
                            .contains("keyExchangeGroups=[X25519MLKEM768, X25519, P-256]")
                            .contains("startupHandshake=TLSv1.3/TLS_AES_128_GCM_SHA256/X25519MLKEM768"))
                    .anySatisfy(line -> assertThat(line).contains("keyExchangeGroups=[X25519MLKEM768, X25519],"))
                    .anySatisfy(line -> assertThat(line).contains("provider=JDK").contains("keyExchangeGroups=the JDK's own"))
                    // the startup handshake runs with the configured groups, not the default
                    .anySatisfy(line -> assertThat(line).contains("keyExchangeGroups=[P-256],")
                            .contains("startupHandshake=TLSv1.3/TLS_AES_128_GCM_SHA256/P-256"));
        }
    }

    /** Once Netty has freed an engine's native object, reading its group says nothing and touches no freed memory. */
    @Test
    void aFreedEngineNamesNoGroup() throws Exception {
        Configuration openssl = provider(base, "OPENSSL");
        SSLEngine client = SSLUtils.createInternalClientSSLEngineFactory(openssl).createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
        SSLEngine server = SSLUtils.createInternalServerSSLEngineFactory(openssl).createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
        try {
            assertThat(InMemoryHandshake.run(client, server).keyExchangeGroup()).isEqualTo("X25519MLKEM768");
            assertThat(KeyExchangeGroups.negotiated(client)).contains("X25519MLKEM768");

            ((ReferenceCountedOpenSslEngine) client).shutdown(); // what Netty does when a connection ends
            assertThat(((ReferenceCountedOpenSslEngine) client).sslPointer()).as("freed").isZero();
            assertThat(KeyExchangeGroups.negotiated(client)).isEmpty();
        } finally {
            ReferenceCountUtil.release(client);
            ReferenceCountUtil.release(server);
        }
    }

    /** The record of verified peers says which group each pinned connection negotiated. */
    @Test
    void pinnedPeersAreRecordedWithTheNegotiatedGroup() throws Exception {
        Identity node = ca.issue("grouped").keys(TestCertificates.ecP256()).build();
        Configuration config = provider(new TlsFixture(dir).internal(node, ca.certificate()), "OPENSSL");
        config.setString("security.ssl.internal.cert.fingerprint", PinForms.PUBLIC_KEY_SHA256.of(node.certificate()));
        SSLHandlerFactory server = SSLUtils.createInternalServerSSLEngineFactory(config);
        SSLHandlerFactory client = SSLUtils.createInternalClientSSLEngineFactory(config);
        Instant before = Instant.now(); // after the startup validation, which records its own handshake

        Outcome outcome = NettyTlsExchange.run(server, client, PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        List<PinVerifications.PinVerification> seen = new ArrayList<>();
        for (PinVerifications.PinVerification v : PinVerifications.recent()) {
            if (!v.at.isBefore(before) && v.peerSubject.contains("CN=grouped")) {
                seen.add(v);
            }
        }
        assertThat(seen).extracting(v -> v.peerRole).containsExactlyInAnyOrder("client", "server");
        assertThat(seen).allSatisfy(v -> assertThat(v.keyExchangeGroup()).isEqualTo("X25519MLKEM768"));
        assertThat(seen.get(0).toString()).endsWith(" X25519MLKEM768");
    }
}
