package io.github.flinksslext.bench;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.engine.InMemoryHandshake;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
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
 * Full mutual-TLS handshakes per second, in memory: a client and a server engine wrap and unwrap
 * into each other until both are done. No sockets, so the figure is the handshake's CPU cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HandshakeBenchmark {

    /** Engines from the drop-in jar's SSLUtils, as Flink's NettyServer and NettyClient get them. */
    @State(Scope.Benchmark)
    public static class Jar {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"RSA_2048", "RSA_4096", "EC_P256"})
        public KeyType key;

        @Param({"TLSv1.3", "TLSv1.2"})
        public String protocol;

        @Param({"unpinned", "pinned"})
        public String trust;

        SSLHandlerFactory server;
        SSLHandlerFactory client;

        @Setup(Level.Trial)
        public void build() throws Exception {
            InternalTls tls = InternalTls.create(key, provider, protocol, trust.equals("pinned"));
            server = SSLUtils.createInternalServerSSLEngineFactory(tls.configuration);
            client = SSLUtils.createInternalClientSSLEngineFactory(tls.configuration);
        }
    }

    /**
     * The same keys, protocol and suites through plain Netty with the standard trust manager: the
     * floor this project's trust manager, pinning and wrapping add to.
     */
    @State(Scope.Benchmark)
    public static class PlainNetty {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"RSA_2048", "RSA_4096", "EC_P256"})
        public KeyType key;

        @Param({"TLSv1.3", "TLSv1.2"})
        public String protocol;

        SSLHandlerFactory server;
        SSLHandlerFactory client;

        @Setup(Level.Trial)
        public void build() throws Exception {
            InternalTls tls = InternalTls.create(key, provider, protocol, false);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", tls.ca.certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SslProvider sslProvider = SslProvider.valueOf(provider);
            // key and chain handed over directly: Netty's own, best-known way
            server = new SSLHandlerFactory(
                    SslContextBuilder.forServer(tls.node.keys.getPrivate(), tls.node.chain)
                            .trustManager(trustManagers).clientAuth(ClientAuth.REQUIRE)
                            .sslProvider(sslProvider).protocols(protocol)
                            .ciphers(EndpointSettingsParser.DEFAULT_CIPHER_SUITES).build(),
                    -1, -1);
            client = new SSLHandlerFactory(
                    SslContextBuilder.forClient().keyManager(tls.node.keys.getPrivate(), tls.node.chain)
                            .trustManager(trustManagers)
                            .sslProvider(sslProvider).protocols(protocol)
                            .ciphers(EndpointSettingsParser.DEFAULT_CIPHER_SUITES).build(),
                    -1, -1);
        }
    }

    /**
     * The jar's engines inside the SslHandlers its SSLHandlerFactory hands Flink, handshaking through
     * Netty's pipeline (two embedded channels passing records), with the jar's handshake counting
     * on and off: what counting costs a handshake, measured in one run.
     */
    @State(Scope.Benchmark)
    public static class Counted {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"EC_P256", "RSA_2048"})
        public KeyType key;

        @Param({"TLSv1.3", "TLSv1.2"})
        public String protocol;

        /** "off" sets {@code flinksslext.handshake-counting=off} before the factories are built. */
        @Param({"on", "off"})
        public String counting;

        SSLHandlerFactory server;
        SSLHandlerFactory client;

        @Setup(Level.Trial)
        public void build() throws Exception {
            if (counting.equals("off")) {
                System.setProperty("flinksslext.handshake-counting", "off");
            } else {
                System.clearProperty("flinksslext.handshake-counting");
            }
            InternalTls tls = InternalTls.create(key, provider, protocol, true);
            server = SSLUtils.createInternalServerSSLEngineFactory(tls.configuration);
            client = SSLUtils.createInternalClientSSLEngineFactory(tls.configuration);
            boolean counted = server.getClass() != SSLHandlerFactory.class;
            if (counted != counting.equals("on")) {
                throw new IllegalStateException("counting " + counting + " but the factory is " + server.getClass().getName());
            }
        }
    }

    @Benchmark
    public boolean jarThroughHandlers(Counted contexts) {
        return HandlerHandshake.run(contexts.client, contexts.server);
    }

    @Benchmark
    public InMemoryHandshake.Result jar(Jar contexts) throws SSLException {
        return handshake(contexts.client, contexts.server);
    }

    @Benchmark
    public InMemoryHandshake.Result plainNetty(PlainNetty contexts) throws SSLException {
        return handshake(contexts.client, contexts.server);
    }

    static InMemoryHandshake.Result handshake(SSLHandlerFactory client, SSLHandlerFactory server) throws SSLException {
        return InMemoryHandshake.runAndRelease(
                client.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine(),
                server.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine());
    }
}
