package io.github.flinksslext.interop;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flink process or client without the jar builds its internal and REST TLS from the same options
 * with Flink's defaults: the JDK engine, TLSv1.2 only and TLS_RSA_WITH_AES_128_CBC_SHA only (here
 * built the same way with Netty's builder; the cluster tests use real Flink). Real loopback
 * handshakes through Flink's SSLHandlerFactory, the jar's side with both providers.
 */
class FlinkWithoutJarInteropTest {

    private static final byte[] PAYLOAD = "records across versions".getBytes(StandardCharsets.UTF_8);
    private static final String FLINKS_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA";

    @TempDir
    Path dir;

    private Configuration internal;

    @BeforeEach
    void rsaCluster() {
        Identity ca = TestCertificates.identity("internal-ca").ca().keys(TestCertificates.rsa(2048)).build();
        internal = new TlsFixture(dir).internal(ca.issue("node").keys(TestCertificates.rsa(2048)).build(), ca.certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aServerWithTheJarAcceptsFlinkWithoutIt(String provider) throws Exception {
        Outcome outcome = NettyTlsExchange.run(jarServer(with(internal, "security.ssl.provider", provider)), flinkWithoutJar(internal, true), PAYLOAD);

        assertSucceeded(outcome);
        assertThat(outcome.protocol).isEqualTo("TLSv1.2");
        assertThat(outcome.cipherSuite).isEqualTo(FLINKS_SUITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aClientWithTheJarReachesFlinkWithoutIt(String provider) throws Exception {
        Outcome outcome = NettyTlsExchange.run(flinkWithoutJar(internal, false), jarClient(with(internal, "security.ssl.provider", provider)), PAYLOAD);

        assertSucceeded(outcome);
        assertThat(outcome.cipherSuite).isEqualTo(FLINKS_SUITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void twoPeersWithTheJarStillNegotiateTls13(String provider) throws Exception {
        Configuration config = with(internal, "security.ssl.provider", provider);
        Outcome outcome = NettyTlsExchange.run(jarServer(config), jarClient(config), PAYLOAD);

        assertSucceeded(outcome);
        assertThat(outcome.protocol).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aClientLimitedToTls12GetsEcdheWithAesGcmNotFlinksSuite(String provider) throws Exception {
        Configuration server = with(internal, "security.ssl.provider", provider);
        Configuration client = with(server, "security.ssl.protocol", "TLSv1.2");
        Outcome outcome = NettyTlsExchange.run(jarServer(server), jarClient(client), PAYLOAD);

        assertSucceeded(outcome);
        assertThat(outcome.protocol).isEqualTo("TLSv1.2");
        assertThat(outcome.cipherSuite).startsWith("TLS_ECDHE_").contains("_GCM_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void flinksDefaultsWrittenOutCountAsTheDefault(String provider) throws Exception {
        Configuration config = with(with(with(internal, "security.ssl.provider", provider),
                "security.ssl.protocol", "TLSv1.2"), "security.ssl.algorithms", FLINKS_SUITE);

        assertThat(NettyTlsExchange.run(jarServer(config), jarClient(config), PAYLOAD).protocol).isEqualTo("TLSv1.3");
        assertSucceeded(NettyTlsExchange.run(jarServer(config), flinkWithoutJar(internal, true), PAYLOAD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void strictModeRefusesFlinkWithoutTheJarBothWays(String provider) throws Exception {
        Configuration strict = with(with(internal, "security.ssl.provider", provider), "security.ssl.legacy-suite.enabled", "false");

        assertThat(NettyTlsExchange.run(jarServer(strict), flinkWithoutJar(internal, true), PAYLOAD).succeeded()).isFalse();
        assertThat(NettyTlsExchange.run(flinkWithoutJar(internal, false), jarClient(strict), PAYLOAD).succeeded()).isFalse();
        assertThat(NettyTlsExchange.run(jarServer(strict), jarClient(strict), PAYLOAD).protocol).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void configuredSuitesAreHonouredExactly(String provider) throws Exception {
        Configuration modern = with(with(internal, "security.ssl.provider", provider),
                "security.ssl.algorithms", "TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

        assertThat(NettyTlsExchange.run(jarServer(modern), flinkWithoutJar(internal, true), PAYLOAD).succeeded()).isFalse();
    }

    private static SSLHandlerFactory jarServer(Configuration config) throws Exception {
        return SSLUtils.createInternalServerSSLEngineFactory(config);
    }

    private static SSLHandlerFactory jarClient(Configuration config) throws Exception {
        return SSLUtils.createInternalClientSSLEngineFactory(config);
    }

    /** What Flink's own SSLUtils builds for internal TLS when protocols and suites are unset. */
    private static SSLHandlerFactory flinkWithoutJar(Configuration config, boolean client) throws Exception {
        KeyStore keys = load(config.toMap().get("security.ssl.keystore"), TlsFixture.STORE_PASSWORD);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, TlsFixture.KEY_PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(config.toMap().get("security.ssl.truststore"), TlsFixture.TRUST_PASSWORD));
        SslContextBuilder builder = client
                ? SslContextBuilder.forClient().keyManager(keyManagers)
                : SslContextBuilder.forServer(keyManagers).clientAuth(ClientAuth.REQUIRE);
        return new SSLHandlerFactory(
                builder.trustManager(trust)
                        .sslProvider(SslProvider.JDK)
                        .protocols("TLSv1.2")
                        .ciphers(java.util.Collections.singletonList(FLINKS_SUITE))
                        .build(),
                -1,
                -1);
    }

    private static KeyStore load(String path, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void assertSucceeded(Outcome outcome) {
        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
    }
}
