package io.github.flinksslext.hook;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;
import io.github.flinksslext.testing.TlsServer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.cluster.ShutdownHeaders;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.SimpleChannelInboundHandler;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpObjectAggregator;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpServerCodec;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;

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

    /** A REST client of {@code config} connects to {@code server} under the name {@code host}, as Flink's RestClient would. */
    private static Outcome connect(SSLHandlerFactory server, Configuration config, String host) throws Exception {
        return NettyTlsExchange.runLikeFlinksRestClient(server, SSLUtils.createRestClientSSLEngineFactory(config), host, PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void theCertificateIsCheckedAgainstTheHostTheClientConnectedTo(String provider) throws Exception {
        Configuration config = config(provider);
        SSLHandlerFactory server = SSLUtils.createRestServerSSLEngineFactory(config);

        Outcome byName = connect(server, config, "localhost");
        assertThat(byName.succeeded()).as(byName.failureMessages()).isTrue();

        // the same server, reached under a name its certificate does not carry (rest.address would match)
        Outcome byAddress = connect(server, config, "127.0.0.1");
        assertThat(byAddress.succeeded()).isFalse();
        assertThat(byAddress.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(byAddress.failureMessages()).contains("127.0.0.1");
    }

    /**
     * The chain and the host are checked in one validation; the refusal still says which failed:
     * the host for a trusted certificate reached under another name, the chain for a certificate
     * of an unknown CA under any name, its own as well.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void theRefusalSaysWhetherTheHostOrTheChainFailed(String provider) throws Exception {
        Configuration config = config(provider);

        Outcome wrongHost = connect(SSLUtils.createRestServerSSLEngineFactory(config), config, "127.0.0.1");
        assertThat(wrongHost.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(wrongHost.failureMessages())
                .contains("Host name check failed: the server's certificate is not valid for '127.0.0.1'");

        Identity otherCa = TestCertificates.identity("other-ca").ca().build();
        SSLHandlerFactory stranger = RawPeer.server(otherCa.issue("jobmanager").dnsName("localhost").build());
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            Outcome untrusted = connect(stranger, config, host);
            assertThat(untrusted.clientFailure).as("the client refuses the server at %s", host).isNotNull();
            assertThat(untrusted.failureMessages())
                    .as("refused for its chain at %s", host)
                    .contains("PKIX path building failed")
                    .doesNotContain("Host name check failed");
        }
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

        Outcome byName = connect(jdkServer, config, "localhost");
        assertThat(byName.succeeded()).as(byName.failureMessages()).isTrue();
        assertThat(byName.serverRequestedNames).containsExactly("localhost");

        Outcome byAddress = connect(jdkServer, config, "127.0.0.1");
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
        withRestClient(config, (executor, port) -> new RestClient(config, executor), (client, port) -> {
            assertThat(client.sendRequest("localhost", port, ShutdownHeaders.getInstance()).get(20, TimeUnit.SECONDS))
                    .isNotNull();
            assertRefused(() -> client.sendRequest("127.0.0.1", port, ShutdownHeaders.getInstance()).get(20, TimeUnit.SECONDS));
        });
    }

    /** A RestClient created for one host (RestClient.forUrl) that sends to another is checked against the other. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void flinksRestClientForOneUrlIsCheckedWhereItActuallySends(String provider) throws Exception {
        Configuration config = config(provider);
        withRestClient(config, (executor, port) -> RestClient.forUrl(config, executor, new URL("https://localhost:" + port)),
                (client, port) -> assertRefused(
                        () -> client.sendRequest("127.0.0.1", port, ShutdownHeaders.getInstance()).get(20, TimeUnit.SECONDS)));
    }

    private static void assertRefused(ThrowingCallable request) {
        Throwable refused = catchThrowable(request);
        assertThat(refused).isNotNull();
        assertThat(refused).hasStackTraceContaining(SSLHandshakeException.class.getName()).hasStackTraceContaining("127.0.0.1");
    }

    private interface ClientFactory {
        RestClient create(ExecutorService executor, int serverPort) throws Exception;
    }

    private interface ClientUse {
        void accept(RestClient client, int port) throws Exception;
    }

    /**
     * Runs {@code use} with a Flink RestClient against a REST server of {@code config} that answers
     * every request with an empty JSON object, as a REST endpoint answers a shutdown request.
     */
    private static void withRestClient(Configuration config, ClientFactory factory, ClientUse use) throws Exception {
        try (TlsServer server = TlsServer.start(SSLUtils.createRestServerSSLEngineFactory(config), () -> new ChannelHandler[] {
                new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new EmptyJsonAnswer()})) {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            RestClient client = factory.create(executor, server.port());
            try {
                use.accept(client, server.port());
            } finally {
                client.closeAsync().get(20, TimeUnit.SECONDS);
                executor.shutdownNow();
            }
        }
    }

    private static final class EmptyJsonAnswer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
