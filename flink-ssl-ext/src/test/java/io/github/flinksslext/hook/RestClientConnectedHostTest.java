package io.github.flinksslext.hook;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.cluster.ShutdownHeaders;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.ServerBootstrap;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInitializer;
import org.apache.flink.shaded.netty4.io.netty.channel.EventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.SimpleChannelInboundHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.SocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioServerSocketChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpObjectAggregator;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpServerCodec;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * REST clients with hostname verification check the server's certificate against the host they
 * connected to, as they named it: not against {@code rest.address}, and not against a host the
 * engine was created with. Flink's RestClusterClient in HA setups connects to leader addresses it
 * retrieved, with a RestClient that names no host (or another one).
 */
class RestClientConnectedHostTest {

    private static final byte[] PAYLOAD = "GET /overview".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Identity ca;

    /** A server whose certificate names localhost only; clients verify host names and are told rest.address is localhost. */
    private Configuration config(String provider) {
        ca = TestCertificates.identity("rest-ca").ca().build();
        Identity server = ca.issue("jobmanager").dnsName("localhost").build();
        Configuration config = with(new TlsFixture(dir).rest(server, ca.certificate()), "security.ssl.provider", provider);
        config.setString("security.ssl.verify-hostname", "true");
        config.setString("rest.address", "localhost");
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void theCertificateIsCheckedAgainstTheHostTheClientConnectedTo(String provider) throws Exception {
        Configuration config = config(provider);
        SSLHandlerFactory server = SSLUtils.createRestServerSSLEngineFactory(config);

        Outcome byName = NettyTlsExchange.runLikeFlinksRestClient(
                server, SSLUtils.createRestClientSSLEngineFactory(config), "localhost", PAYLOAD);
        assertThat(byName.succeeded()).as(byName.failureMessages()).isTrue();

        // the same server, reached under a name its certificate does not carry (rest.address would match)
        Outcome byAddress = NettyTlsExchange.runLikeFlinksRestClient(
                server, SSLUtils.createRestClientSSLEngineFactory(config), "127.0.0.1", PAYLOAD);
        assertThat(byAddress.succeeded()).isFalse();
        assertThat(byAddress.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(byAddress.failureMessages()).contains("127.0.0.1");
    }

    /**
     * Seen by a JDK server whose certificate is valid under both names (Netty's OPENSSL server
     * sessions do not report the name a client asked for).
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void theHostConnectedToIsSentAsServerNameUnlessItIsAnAddress(String provider) throws Exception {
        Configuration config = config(provider);
        SSLHandlerFactory jdkServer = RawPeer.server(ca.issue("jobmanager").dnsName("localhost").ipAddress("127.0.0.1").build());

        Outcome byName = NettyTlsExchange.runLikeFlinksRestClient(
                jdkServer, SSLUtils.createRestClientSSLEngineFactory(config), "localhost", PAYLOAD);
        assertThat(byName.succeeded()).as(byName.failureMessages()).isTrue();
        assertThat(byName.serverRequestedNames).containsExactly("localhost");

        Outcome byAddress = NettyTlsExchange.runLikeFlinksRestClient(
                jdkServer, SSLUtils.createRestClientSSLEngineFactory(config), "127.0.0.1", PAYLOAD);
        assertThat(byAddress.succeeded()).as(byAddress.failureMessages()).isTrue();
        assertThat(byAddress.serverRequestedNames).isEmpty();
    }

    /** An engine that names no host and whose channel nobody told the jar about: nothing to check against. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void withoutAnyHostTheServerIsRefused(String provider) throws Exception {
        Configuration config = config(provider);

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(config), SSLUtils.createRestClientSSLEngineFactory(config), PAYLOAD);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(outcome.failureMessages()).contains("security.ssl.verify-hostname");
    }

    /** Flink's own RestClient, created without a host as RestClusterClient creates it when jobmanager.rpc.address is unset. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void flinksRestClientWithoutAHostIsCheckedWhereItSends(String provider) throws Exception {
        Configuration config = config(provider);
        try (HttpsJsonServer server = new HttpsJsonServer(SSLUtils.createRestServerSSLEngineFactory(config))) {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            RestClient client = new RestClient(config, executor);
            try {
                assertThat(client.sendRequest("localhost", server.port(), ShutdownHeaders.getInstance())
                        .get(20, TimeUnit.SECONDS)).isNotNull();

                Throwable refused = catchThrowable(() -> client.sendRequest("127.0.0.1", server.port(), ShutdownHeaders.getInstance())
                        .get(20, TimeUnit.SECONDS));
                assertThat(refused).isNotNull();
                assertThat(refused).hasStackTraceContaining(SSLHandshakeException.class.getName())
                        .hasStackTraceContaining("127.0.0.1");
            } finally {
                client.closeAsync().get(20, TimeUnit.SECONDS);
                executor.shutdownNow();
            }
        }
    }

    /** A RestClient created for one host (RestClient.forUrl) that sends to another is checked against the other. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void flinksRestClientForOneUrlIsCheckedWhereItActuallySends(String provider) throws Exception {
        Configuration config = config(provider);
        try (HttpsJsonServer server = new HttpsJsonServer(SSLUtils.createRestServerSSLEngineFactory(config))) {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            RestClient client = RestClient.forUrl(config, executor, new URL("https://localhost:" + server.port()));
            try {
                Throwable refused = catchThrowable(() -> client.sendRequest("127.0.0.1", server.port(), ShutdownHeaders.getInstance())
                        .get(20, TimeUnit.SECONDS));
                assertThat(refused).isNotNull();
                assertThat(refused).hasStackTraceContaining(SSLHandshakeException.class.getName())
                        .hasStackTraceContaining("127.0.0.1");
            } finally {
                client.closeAsync().get(20, TimeUnit.SECONDS);
                executor.shutdownNow();
            }
        }
    }

    /** Answers every HTTPS request with an empty JSON object, as a REST endpoint answers a shutdown request. */
    private static final class HttpsJsonServer implements AutoCloseable {
        private final EventLoopGroup group = new NioEventLoopGroup(1);
        private final Channel channel;

        HttpsJsonServer(SSLHandlerFactory tls) throws InterruptedException {
            channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(tls.createNettySSLHandler(ch.alloc()), new HttpServerCodec(),
                                    new HttpObjectAggregator(1 << 16), new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.OK, Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
                                            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
                                            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            ctx.close();
                                        }
                                    });
                        }
                    })
                    .bind(new InetSocketAddress(TestCertificates.loopback(), 0))
                    .sync()
                    .channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() throws InterruptedException {
            channel.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
