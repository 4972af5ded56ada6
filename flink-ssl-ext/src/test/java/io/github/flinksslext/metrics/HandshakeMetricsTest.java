package io.github.flinksslext.metrics;

import io.github.flinksslext.live.Handshakes;
import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;
import io.github.flinksslext.testing.TlsMBeans;
import io.github.flinksslext.testing.TlsServer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.Bootstrap;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInitializer;
import org.apache.flink.shaded.netty4.io.netty.channel.EventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.SocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioSocketChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandshakeCompletionEvent;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake counters and refusal log over real loopback handshakes through Flink's
 * SSLHandlerFactory, read back over the platform MBean server. Counters are per JVM and other tests
 * add to them, so each test compares before and after.
 */
class HandshakeMetricsTest {

    private static final byte[] PAYLOAD = "counted".getBytes(StandardCharsets.UTF_8);
    private static final String PIN_KEY = "security.ssl.internal.cert.fingerprint";

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;

    @BeforeEach
    void internalCa() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("metrics-ca").ca().build();
    }

    private Configuration internal(Identity node, String provider) {
        return TlsFixture.with(fixture.internal(node, ca.certificate()), "security.ssl.provider", provider);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void completedHandshakesAreCountedOnBothSidesWithTheirProtocolAndSuite(String provider) throws Exception {
        Configuration config = internal(ca.issue("counted-node").build(), provider);
        long serverBefore = TlsMBeans.count("internal", "server", "HandshakesCompleted");
        long clientBefore = TlsMBeans.count("internal", "client", "HandshakesCompleted");

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config), SSLUtils.createInternalClientSSLEngineFactory(config), PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        assertThat(TlsMBeans.count("internal", "server", "HandshakesCompleted")).isEqualTo(serverBefore + 1);
        assertThat(TlsMBeans.count("internal", "client", "HandshakesCompleted")).isEqualTo(clientBefore + 1);
        assertThat(TlsMBeans.read("internal", "client", "LastProtocol")).isEqualTo(outcome.protocol);
        assertThat(TlsMBeans.read("internal", "client", "LastCipherSuite")).isEqualTo(outcome.cipherSuite);
        assertThat(TlsMBeans.read("internal", "server", "HandshakesCompletedByProtocolAndSuite").toString())
                .contains(outcome.protocol + " " + outcome.cipherSuite);
        long notAfter = (Long) TlsMBeans.read("internal", "server", "OwnCertificateNotAfter");
        assertThat(notAfter).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat((Long) TlsMBeans.read("internal", "server", "EarliestSecondsLeft")).isPositive();
    }

    /**
     * A port scan, or a peer that keeps reconnecting with a certificate the pins do not name: every
     * refusal is counted, the log gets one line per cause and minute with the chain report.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aThousandRefusedPeersAreAllCountedAndLoggedBoundedly(String provider) throws Exception {
        Identity node = ca.issue("pinned-node").build();
        Identity stranger = ca.issue("unpinned-peer").build();
        Configuration server = TlsFixture.with(internal(node, provider), PIN_KEY, PinForms.SHA256_COLONS_LOWER.of(node.certificate()));
        Configuration client = internal(stranger, provider);
        int connections = 1000;
        long before = TlsMBeans.count("internal", "server", "HandshakesFailedPinMismatch");
        long completedBefore = TlsMBeans.count("internal", "server", "HandshakesCompleted");

        CountDownLatch serverOutcomes = new CountDownLatch(connections);
        long started = System.nanoTime();
        try (LogCapture log = new LogCapture();
                TlsServer tls = TlsServer.start(SSLUtils.createInternalServerSSLEngineFactory(server),
                        () -> new ChannelHandler[] {new OutcomeCounter(serverOutcomes)})) {
            connectRepeatedly(SSLUtils.createInternalClientSSLEngineFactory(client), tls.port(), connections);
            assertThat(serverOutcomes.await(60, TimeUnit.SECONDS)).as("every handshake ended on the server").isTrue();
            long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started);

            assertThat(TlsMBeans.count("internal", "server", "HandshakesFailedPinMismatch")).isEqualTo(before + connections);
            assertThat(TlsMBeans.count("internal", "server", "HandshakesCompleted")).isEqualTo(completedBefore);
            List<String> refusals = log.at(Level.WARN).stream()
                    .filter(line -> line.startsWith("WARN Refused the internal server TLS handshake"))
                    .collect(Collectors.toList());
            // a few lines a minute for this cause; other tests may have used some of this minute's
            assertThat(refusals.size()).isLessThanOrEqualTo(Handshakes.REFUSAL_LINES_PER_WINDOW * ((int) minutes + 1));
            assertThat(refusals).allSatisfy(line -> assertThat(line)
                    .contains("/127.0.0.1:").contains(": pin mismatch (Certificate pinning failure")
                    .contains("CN=unpinned-peer").contains("SHA-256: "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aRestClientWithoutCertificateIsCountedAsSuch(String provider) throws Exception {
        Identity restServer = ca.issue("localhost").dnsName("localhost").build();
        Configuration server = TlsFixture.with(fixture.rest(restServer, ca.certificate()), "security.ssl.provider", provider);
        server.setString("security.ssl.rest.authentication-enabled", "true");
        Configuration client = TlsFixture.with(fixture.rest(null, ca.certificate()), "security.ssl.provider", provider);
        long before = TlsMBeans.count("rest", "server", "HandshakesFailedNoClientCertificate");

        try (LogCapture log = new LogCapture()) {
            Outcome outcome = NettyTlsExchange.run(
                    SSLUtils.createRestServerSSLEngineFactory(server), SSLUtils.createRestClientSSLEngineFactory(client), PAYLOAD);

            assertThat(outcome.succeeded()).isFalse();
            assertThat(TlsMBeans.count("rest", "server", "HandshakesFailedNoClientCertificate")).isEqualTo(before + 1);
        }
    }

    /** A peer that connects and says nothing: the handshake timeout Flink configures. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aSilentPeerIsCountedAsTimeoutAndOneThatHangsUpAsPeerClosed(String provider) throws Exception {
        Configuration config = TlsFixture.with(internal(ca.issue("waiting-node").build(), provider),
                "security.ssl.internal.handshake-timeout", "200");
        long timeoutsBefore = TlsMBeans.count("internal", "server", "HandshakesFailedTimeout");
        long closedBefore = TlsMBeans.count("internal", "server", "HandshakesFailedPeerClosed");
        CountDownLatch outcomes = new CountDownLatch(2);
        try (TlsServer tls = TlsServer.start(SSLUtils.createInternalServerSSLEngineFactory(config),
                () -> new ChannelHandler[] {new OutcomeCounter(outcomes)})) {
            try (Socket silent = new Socket(TestCertificates.loopback(), tls.port())) {
                assertThat(silent.getInputStream().read()).as("the server hangs up after its timeout").isEqualTo(-1);
            }
            new Socket(TestCertificates.loopback(), tls.port()).close();
            assertThat(outcomes.await(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(TlsMBeans.count("internal", "server", "HandshakesFailedTimeout")).isEqualTo(timeoutsBefore + 1);
        assertThat(TlsMBeans.count("internal", "server", "HandshakesFailedPeerClosed")).isEqualTo(closedBefore + 1);
    }

    @Test
    void theMBeanIsRegisteredOncePerEndpointSideHoweverManyContexts() throws Exception {
        Configuration config = internal(ca.issue("many-contexts").build(), "JDK");
        for (int i = 0; i < 3; i++) {
            SSLUtils.createInternalServerSSLEngineFactory(config);
        }
        TlsMetrics.registered().get(30, TimeUnit.SECONDS);
        Map<String, Object> names = new java.util.TreeMap<>();
        for (javax.management.ObjectName name : java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("io.github.flinksslext:*"), null)) {
            names.put(name.toString(), name);
        }
        assertThat(names).containsKey("io.github.flinksslext:type=TlsEndpoint,endpoint=internal,side=server");
        assertThat(names.keySet()).allMatch(name -> name.startsWith("io.github.flinksslext:type=TlsEndpoint,endpoint="));
    }

    /** Connects, lets the handshake run, waits for the server to hang up; one connection at a time. */
    private static void connectRepeatedly(SSLHandlerFactory tls, int port, int times) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(tls.createNettySSLHandler(ch.alloc()));
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close();
                                }
                            });
                        }
                    });
            for (int i = 0; i < times; i++) {
                Channel channel = bootstrap.connect(new InetSocketAddress(TestCertificates.loopback(), port)).sync().channel();
                assertThat(channel.closeFuture().await(20, TimeUnit.SECONDS)).as("connection " + i + " closed").isTrue();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Counts handshake ends on the server; Netty tells the handler after the handshake future's listeners. */
    private static final class OutcomeCounter extends ChannelInboundHandlerAdapter {
        private final CountDownLatch outcomes;

        OutcomeCounter(CountDownLatch outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent) {
                outcomes.countDown();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
