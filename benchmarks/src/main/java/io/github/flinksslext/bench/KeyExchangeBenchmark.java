package io.github.flinksslext.bench;

import io.github.flinksslext.engine.InMemoryHandshake;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/**
 * The hybrid post-quantum key exchange against X25519, in one run: in-memory mutual-TLS handshakes
 * through the jar's {@code SSLUtils} (OPENSSL, EC P-256, TLS 1.3, pinned), and Flink's documented
 * default as the reference (JDK, RSA-2048 or RSA-4096, TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA, Netty
 * with the JDK's standard trust manager). Each setup runs one handshake and checks the group it negotiated,
 * so a figure cannot silently belong to another group.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KeyExchangeBenchmark {

    static final String FLINKS_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA";

    /**
     * Warmup iterations of 2 s for a section run alone. The jar's handshakes are still rising after
     * 2 (one fork, hybrid, 2 s iterations from a cold start: 543, 725, 986, 975, 1,081, 1,127, then
     * 1,088 to 1,153 handshakes/s), so 2 warmups put the rise into the measured figure. 8 leaves a
     * margin; the section's header says how JMH ran it.
     */
    static final int WARMUPS = 8;

    /** The jar's internal contexts; {@code hybrid} leaves the option unset, which is the default. */
    @State(Scope.Benchmark)
    public static class Jar {
        @Param({"hybrid", "X25519"})
        public String groups;

        @Param({"CA_ISSUED", "SELF_SIGNED"})
        public InternalTls.Layout certificates;

        SSLHandlerFactory server;
        SSLHandlerFactory client;

        @Setup(Level.Trial)
        public void build() throws Exception {
            InternalTls tls = InternalTls.create(KeyType.EC_P256, "OPENSSL", "TLSv1.3", true, certificates);
            if (!groups.equals("hybrid")) {
                tls.configuration.setString("security.ssl.internal.key-exchange-groups", groups);
            }
            server = SSLUtils.createInternalServerSSLEngineFactory(tls.configuration);
            client = SSLUtils.createInternalClientSSLEngineFactory(tls.configuration);
            String negotiated = HandshakeBenchmark.handshake(client, server).keyExchangeGroup();
            String expected = groups.equals("hybrid") ? "X25519MLKEM768" : groups;
            if (!expected.equals(negotiated)) {
                throw new IllegalStateException("expected " + expected + " but the handshake negotiated " + negotiated);
            }
        }
    }

    /**
     * Flink's documented default: what a cluster without the jar does on the JDK. Flink's docs
     * generate RSA-4096 keys (the suite's reference); keytool's default, RSA-2048, is the harder one.
     */
    @State(Scope.Benchmark)
    public static class FlinksDefault {
        @Param({"RSA_2048", "RSA_4096"})
        public KeyType key;

        @Param({"CA_ISSUED", "SELF_SIGNED"})
        public InternalTls.Layout certificates;

        SSLHandlerFactory server;
        SSLHandlerFactory client;

        @Setup(Level.Trial)
        public void build() throws Exception {
            InternalTls tls = InternalTls.create(key, "JDK", "TLSv1.2", false, certificates);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", tls.ca.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            server = new SSLHandlerFactory(
                    SslContextBuilder.forServer(tls.node.keys.getPrivate(), tls.node.chain).trustManager(trust)
                            .clientAuth(ClientAuth.REQUIRE).sslProvider(SslProvider.JDK).protocols("TLSv1.2")
                            .ciphers(java.util.List.of(FLINKS_SUITE)).build(),
                    -1, -1);
            client = new SSLHandlerFactory(
                    SslContextBuilder.forClient().keyManager(tls.node.keys.getPrivate(), tls.node.chain).trustManager(trust)
                            .sslProvider(SslProvider.JDK).protocols("TLSv1.2").ciphers(java.util.List.of(FLINKS_SUITE)).build(),
                    -1, -1);
            String suite = HandshakeBenchmark.handshake(client, server).cipherSuite();
            if (!FLINKS_SUITE.equals(suite)) {
                throw new IllegalStateException("Flink's default negotiated " + suite + ", not " + FLINKS_SUITE);
            }
        }
    }

    @Benchmark
    public InMemoryHandshake.Result jar(Jar contexts) throws SSLException {
        return HandshakeBenchmark.handshake(contexts.client, contexts.server);
    }

    @Benchmark
    public InMemoryHandshake.Result flinksDefault(FlinksDefault contexts) throws SSLException {
        return HandshakeBenchmark.handshake(contexts.client, contexts.server);
    }
}
