package io.github.flinksslext.pinning;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.trust.PinVerifications;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.logging.log4j.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinning over real loopback handshakes through Flink's SSLHandlerFactory, each case with the JDK
 * and the OPENSSL provider on the verifying side.
 */
class PinningHandshakeTest {

    private static final byte[] PAYLOAD = "pinned records".getBytes(StandardCharsets.UTF_8);
    private static final String PIN_KEY = "security.ssl.internal.cert.fingerprint";

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;

    @BeforeEach
    void internalCa() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("internal-ca").ca().build();
    }

    private static Configuration pinned(Configuration base, String provider, String pins) {
        return with(with(base, "security.ssl.provider", provider), PIN_KEY, pins);
    }

    private static Outcome exchange(Configuration server, Configuration client) throws Exception {
        return NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(server),
                SSLUtils.createInternalClientSSLEngineFactory(client),
                PAYLOAD);
    }

    private static void assertSucceeded(Outcome outcome) {
        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
    }

    static List<Arguments> providersAndForms() {
        List<Arguments> cases = new ArrayList<>();
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            for (PinForms form : PinForms.values()) {
                cases.add(Arguments.of(provider, form));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("providersAndForms")
    void pinnedSelfSignedCertificateAsInFlinksDocs(String provider, PinForms form) throws Exception {
        Identity node = TestCertificates.identity("flink.internal").build();
        Configuration config = pinned(fixture.internal(node, node.certificate()), provider, form.of(node.certificate()));

        assertSucceeded(exchange(config, config));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("providersAndForms")
    void pinnedCertificateSignedByTrustedCa(String provider, PinForms form) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        Configuration config = pinned(fixture.internal(node, ca.certificate()), provider, form.of(node.certificate()));

        assertSucceeded(exchange(config, config));
    }

    /** What a live connection negotiated, as the pin check saw it: both sides, both providers. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void verifiedPeersAreRecordedWithTheirNegotiatedSession(String provider) throws Exception {
        Identity node = ca.issue("recorded-" + provider.toLowerCase()).build();
        Configuration config = pinned(fixture.internal(node, ca.certificate()), provider, PinForms.PUBLIC_KEY_SHA256.of(node.certificate()));
        SSLHandlerFactory server = SSLUtils.createInternalServerSSLEngineFactory(config);
        SSLHandlerFactory client = SSLUtils.createInternalClientSSLEngineFactory(config);
        java.time.Instant before = java.time.Instant.now();

        Outcome outcome = NettyTlsExchange.run(server, client, PAYLOAD);

        assertSucceeded(outcome);
        List<PinVerifications.PinVerification> seen = new ArrayList<>();
        for (PinVerifications.PinVerification v : PinVerifications.recent()) {
            if (!v.at.isBefore(before) && v.peerSubject.contains("CN=recorded-" + provider.toLowerCase())) {
                seen.add(v);
            }
        }
        assertThat(seen).extracting(v -> v.peerRole).containsExactlyInAnyOrder("client", "server");
        assertThat(seen).allSatisfy(v -> {
            assertThat(v.protocol()).isEqualTo(outcome.protocol);
            assertThat(v.cipherSuite()).isEqualTo(outcome.cipherSuite);
            assertThat(v.optionKey).isEqualTo(PIN_KEY);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void twoPinsAcceptEitherCertificateDuringRotation(String provider) throws Exception {
        Identity old = ca.issue("tm-old").build();
        Identity renewed = ca.issue("tm-new").keys(TestCertificates.ecP256()).build();
        String pins = PinForms.SHA1_COLONS_UPPER.of(old.certificate()) + " , "
                + PinForms.PUBLIC_KEY_SHA256.of(renewed.certificate());
        Configuration oldNode = pinned(fixture.internal(old, ca.certificate()), provider, pins);
        Configuration newNode = pinned(fixture.internal(renewed, ca.certificate()), provider, pins);

        assertSucceeded(exchange(oldNode, newNode));
        assertSucceeded(exchange(newNode, oldNode));
    }

    /** The threat Flink's docs name: any certificate of the firm-wide CA would otherwise do. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void unpinnedCertificateOfTheSameCaIsRefusedInBothDirections(String provider) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        Identity intruder = ca.issue("intruder").build();
        Configuration trusted = pinned(fixture.internal(node, ca.certificate()), provider,
                PinForms.SHA256_COLONS_LOWER.of(node.certificate()));
        // the intruder pins nothing: only the pinned side stands between it and the cluster
        Configuration stranger = with(fixture.internal(intruder, ca.certificate()), "security.ssl.provider", provider);

        Outcome intruderAsClient = exchange(trusted, stranger);
        assertThat(intruderAsClient.succeeded()).isFalse();
        assertThat(intruderAsClient.serverFailure).as("the pinned server refuses the client").isNotNull();
        assertPinReport(intruderAsClient.failureMessages(), intruder.certificate(), "client");

        Outcome intruderAsServer = exchange(stranger, trusted);
        assertThat(intruderAsServer.succeeded()).isFalse();
        assertThat(intruderAsServer.clientFailure).as("the pinned client refuses the server").isNotNull();
        assertPinReport(intruderAsServer.failureMessages(), intruder.certificate(), "server");
    }

    private void assertPinReport(String failure, X509Certificate peer, String peerRole) {
        assertThat(failure)
                .contains("Certificate pinning failure: the " + peerRole + "'s certificate matches none of the pins in '"
                        + PIN_KEY + "'")
                .contains("CN=intruder")
                .contains(PinForms.SHA256_COLONS_LOWER.of(peer).toUpperCase())
                .contains(PinForms.SHA1_COLONS_UPPER.of(peer))
                .contains(PinForms.PUBLIC_KEY_SHA256.of(peer))
                .contains("CN=internal-ca")
                .contains("Pinned in '" + PIN_KEY + "'");
    }

    static List<Arguments> outOfDatePeers() {
        List<Arguments> cases = new ArrayList<>();
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            for (String dates : new String[] {"expired", "not yet valid"}) {
                for (String peerRole : new String[] {"server", "client"}) {
                    cases.add(Arguments.of(provider, dates, peerRole));
                }
            }
        }
        return cases;
    }

    /** Flink's pinning accepts these: it compares the hash and nothing else. */
    @ParameterizedTest(name = "{0}, {1} {2}")
    @MethodSource("outOfDatePeers")
    void pinnedButOutOfDateCertificateFromCaIsRefused(String provider, String dates, String peerRole) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        TestCertificates.Builder peerBuilder = ca.issue("stale-taskmanager");
        Identity stale = (dates.equals("expired") ? peerBuilder.expired() : peerBuilder.notYetValid()).build();
        Configuration verifier = pinned(fixture.internal(node, ca.certificate()), provider,
                PinForms.SHA256_PLAIN_MIXED_CASE.of(node.certificate()) + "," + PinForms.SHA1_PLAIN_LOWER.of(stale.certificate()));

        Outcome outcome = peerRole.equals("server")
                ? NettyTlsExchange.run(RawPeer.server(stale), SSLUtils.createInternalClientSSLEngineFactory(verifier), PAYLOAD)
                : NettyTlsExchange.run(SSLUtils.createInternalServerSSLEngineFactory(verifier), RawPeer.client(stale), PAYLOAD);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(peerRole.equals("server") ? outcome.clientFailure : outcome.serverFailure)
                .as("the verifying side refuses").isNotNull();
        assertThat(outcome.failureMessages())
                .contains("Certificate chain check failed: the " + peerRole + "'s chain does not validate")
                .contains("CN=stale-taskmanager");
    }

    /** Trust anchors are not date-checked by the JDK; Flink's own pinning tests rely on that. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void expiredSelfSignedCertificateInTheTruststoreFollowsTheTrustAnchorRule(String provider) throws Exception {
        Identity node = TestCertificates.identity("flink.internal").expired().build();
        Configuration config = pinned(fixture.internal(node, node.certificate()), provider,
                PinForms.SHA1_COLONS_UPPER.of(node.certificate()));

        try (LogCapture log = new LogCapture()) {
            assertSucceeded(exchange(config, config));
            assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("CN=flink.internal").contains("expired on").contains("renew it"));
        }
    }

    /**
     * A node migrating to a new CA pins a peer still on the old one, whose CA its truststore lacks:
     * refused unless the weaker pin-only compatibility is switched on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void pinnedPeerOutsideTheTruststoreNeedsPinOnly(String provider) throws Exception {
        Identity oldCa = TestCertificates.identity("old-ca").ca().build();
        Identity migrated = ca.issue("migrated-tm").build();
        Identity legacy = oldCa.issue("legacy-tm").build();
        String pins = PinForms.SHA256_COLONS_LOWER.of(migrated.certificate()) + ","
                + PinForms.SHA256_COLONS_LOWER.of(legacy.certificate());
        Configuration strict = pinned(fixture.internal(migrated, ca.certificate()), provider, pins);
        Configuration legacyNode = with(
                fixture.internal(legacy, oldCa.certificate(), ca.certificate()), "security.ssl.provider", provider);

        Outcome refusedAsClient = exchange(legacyNode, strict);
        assertThat(refusedAsClient.clientFailure).as(refusedAsClient.toString()).isNotNull();
        assertThat(refusedAsClient.failureMessages())
                .contains("Certificate chain check failed: the server's chain does not validate")
                .contains("CN=legacy-tm");
        // As a server it asks for a certificate from the CAs in its truststore; the legacy node has
        // none, sends none, and is refused for that.
        Outcome refusedAsServer = exchange(strict, legacyNode);
        assertThat(refusedAsServer.succeeded()).isFalse();
        assertThat(refusedAsServer.serverFailure).as(refusedAsServer.toString()).isNotNull();

        Configuration pinOnly = with(strict, "security.ssl.internal.cert.pin-only", "true");
        try (LogCapture log = new LogCapture()) {
            assertSucceeded(exchange(pinOnly, legacyNode));
            assertSucceeded(exchange(legacyNode, pinOnly));
            assertThat(log.at(Level.INFO)).anySatisfy(line -> assertThat(line).contains("NOT checked"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void clientWithoutCertificateIsRefusedByInternalServer(String provider) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        Configuration server = pinned(fixture.internal(node, ca.certificate()), provider,
                PinForms.SHA256_COLONS_LOWER.of(node.certificate()));

        Outcome outcome = NettyTlsExchange.run(SSLUtils.createInternalServerSSLEngineFactory(server), RawPeer.client(null), PAYLOAD);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverFailure).as("the server refuses").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void contextCreationLogsThePinsInForce(String provider) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        Identity next = ca.issue("taskmanager-next").build();
        Configuration config = pinned(fixture.internal(node, ca.certificate()), provider,
                PinForms.SHA256_COLONS_LOWER.of(node.certificate()) + "," + PinForms.SHA1_PLAIN_LOWER.of(next.certificate())
                        + "," + PinForms.PUBLIC_KEY_SHA256.of(next.certificate()));

        try (LogCapture log = new LogCapture()) {
            SSLHandlerFactory server = SSLUtils.createInternalServerSSLEngineFactory(config);
            assertThat(server).isNotNull();
            assertThat(log.at(Level.INFO)).anySatisfy(line -> assertThat(line)
                    .contains("TLS context for internal server")
                    .contains("3 pin(s) from '" + PIN_KEY + "' (1 SHA-1 certificate fingerprint, "
                            + "1 SHA-256 certificate fingerprint, 1 SHA-256 public-key pin)"));
            // Flink's RPC layer reads the same pins through the jar now: nothing to warn about
            assertThat(log.at(Level.WARN)).noneSatisfy(line -> assertThat(line).contains("Pekko"));
        }
    }
}
