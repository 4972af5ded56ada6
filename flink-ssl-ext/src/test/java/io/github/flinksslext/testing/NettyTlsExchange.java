package io.github.flinksslext.testing;

import io.github.flinksslext.engine.KeyExchangeGroups;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.OutboundChannelHandlerFactory;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.Bootstrap;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInitializer;
import org.apache.flink.shaded.netty4.io.netty.channel.EventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.SocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioSocketChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real TLS connection over loopback through Netty's SslHandler, built by Flink's
 * SSLHandlerFactory exactly as Flink builds it: an echo server, a client that sends bytes and
 * waits for them to come back.
 */
public final class NettyTlsExchange {

    private static final long WAIT_SECONDS = 20;

    /** What happened on the connection. */
    public static final class Outcome {
        public final Throwable clientFailure;
        public final Throwable serverFailure;
        public final byte[] echoed;
        public final String protocol;
        public final String cipherSuite;
        /** The server names (SNI) the server was asked for; empty when the handshake did not finish on the server. */
        public final List<String> serverRequestedNames;
        /** The key-exchange group read from each side's live engine when its handshake finished; empty for JDK engines. */
        public final Optional<String> clientKeyExchangeGroup;
        public final Optional<String> serverKeyExchangeGroup;

        Outcome(Throwable clientFailure, Throwable serverFailure, byte[] echoed, String protocol, String cipherSuite,
                List<String> serverRequestedNames, Optional<String> clientKeyExchangeGroup, Optional<String> serverKeyExchangeGroup) {
            this.clientFailure = clientFailure;
            this.serverFailure = serverFailure;
            this.echoed = echoed;
            this.protocol = protocol;
            this.cipherSuite = cipherSuite;
            this.serverRequestedNames = serverRequestedNames;
            this.clientKeyExchangeGroup = clientKeyExchangeGroup;
            this.serverKeyExchangeGroup = serverKeyExchangeGroup;
        }

        public boolean succeeded() {
            return clientFailure == null && serverFailure == null && echoed != null;
        }

        /** Every message in both failures' cause chains, to assert on what an operator would read. */
        public String failureMessages() {
            StringBuilder out = new StringBuilder();
            for (Throwable failure : new Throwable[] {clientFailure, serverFailure}) {
                for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    out.append(t).append('\n');
                }
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "client failure: " + clientFailure + ", server failure: " + serverFailure
                    + ", echoed " + (echoed == null ? "nothing" : echoed.length + " bytes");
        }
    }

    private NettyTlsExchange() {}

    /** Connects to 127.0.0.1 without a host name for verification (Flink's internal clients). */
    public static Outcome run(SSLHandlerFactory server, SSLHandlerFactory client, byte[] payload) throws Exception {
        return run(server, client, null, payload);
    }

    /** @param verifiedHost the host name the client hands its SSL engine (REST clients do), or null */
    public static Outcome run(SSLHandlerFactory server, SSLHandlerFactory client, String verifiedHost, byte[] payload)
            throws Exception {
        return run(server, client, payload, port -> verifiedHost == null
                ? channel -> channel.pipeline().addLast(client.createNettySSLHandler(channel.alloc()))
                : channel -> channel.pipeline().addLast(client.createNettySSLHandler(channel.alloc(), verifiedHost, port)),
                port -> new InetSocketAddress(TestCertificates.loopback(), port));
    }

    /**
     * The client's pipeline as Flink's RestClient builds it: a handler created without a host,
     * then the handlers of every {@link OutboundChannelHandlerFactory} service; it connects to
     * {@code dialedHost}, which stands for the loopback address under that name (a DNS name or an
     * IP literal, as a client would name it).
     */
    public static Outcome runLikeFlinksRestClient(
            SSLHandlerFactory server, SSLHandlerFactory client, String dialedHost, byte[] payload) throws Exception {
        return run(server, client, payload,
                port -> channel -> {
                    channel.pipeline().addLast(client.createNettySSLHandler(channel.alloc()));
                    for (OutboundChannelHandlerFactory factory : ServiceLoader.load(OutboundChannelHandlerFactory.class)) {
                        factory.createHandler(new Configuration()).ifPresent(handler -> channel.pipeline().addLast(handler));
                    }
                },
                port -> new InetSocketAddress(
                        InetAddress.getByAddress(dialedHost, TestCertificates.loopback().getAddress()), port));
    }

    /** How the client side puts its TLS handler into a new channel's pipeline. */
    private interface ClientPipeline {
        void init(SocketChannel channel) throws Exception;
    }

    private interface PortFunction<T> {
        T apply(int port) throws Exception;
    }

    private static Outcome run(
            SSLHandlerFactory server,
            SSLHandlerFactory client,
            byte[] payload,
            PortFunction<ClientPipeline> clientTls,
            PortFunction<InetSocketAddress> target)
            throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(2);
        CompletableFuture<Throwable> serverHandshake = new CompletableFuture<>();
        CompletableFuture<Throwable> clientHandshake = new CompletableFuture<>();
        CompletableFuture<byte[]> echo = new CompletableFuture<>();
        CompletableFuture<SSLSession> clientSession = new CompletableFuture<>();
        CompletableFuture<SSLSession> serverSession = new CompletableFuture<>();
        CompletableFuture<Optional<String>> clientGroup = new CompletableFuture<>();
        CompletableFuture<Optional<String>> serverGroup = new CompletableFuture<>();
        try (TlsServer echoServer = TlsServer.start(server, group, () -> new ChannelHandler[] {
                new HandshakeRecorder(serverHandshake, serverSession, serverGroup), TlsServer.echoHandler()})) {
            int port = echoServer.port();
            ClientPipeline tls = clientTls.apply(port);
            Channel clientChannel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) throws Exception {
                            tls.init(ch);
                            ch.pipeline().addLast(new HandshakeRecorder(clientHandshake, clientSession, clientGroup));
                            ch.pipeline().addLast(new EchoCollector(payload.length, echo));
                        }
                    })
                    .connect(target.apply(port))
                    .sync()
                    .channel();

            Throwable clientFailure = await(clientHandshake);
            String protocol = null;
            String suite = null;
            if (clientFailure == null) {
                SSLSession session = clientSession.getNow(null);
                protocol = session.getProtocol();
                suite = session.getCipherSuite();
                clientChannel.writeAndFlush(Unpooled.wrappedBuffer(payload));
            }
            byte[] echoed = null;
            if (clientFailure == null) {
                // A server that refuses a client certificate may do so after the client's TLS 1.3
                // handshake finished: then the echo never comes and the server's failure says why.
                try {
                    echoed = echo.get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    clientFailure = e.getCause();
                }
            }
            Throwable serverFailure = serverHandshake.isDone() || echoed == null ? await(serverHandshake) : null;
            clientChannel.close().sync();
            return new Outcome(clientFailure, serverFailure, echoed, protocol, suite, requestedNames(serverSession.getNow(null)),
                    clientGroup.getNow(Optional.empty()),
                    // the echo came back, so the server's handshake finished: wait for what it recorded
                    echoed != null ? serverGroup.get(WAIT_SECONDS, TimeUnit.SECONDS) : serverGroup.getNow(Optional.empty()));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static List<String> requestedNames(SSLSession session) {
        List<String> names = new ArrayList<>();
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                names.add(name instanceof SNIHostName ? ((SNIHostName) name).getAsciiName() : name.toString());
            }
        }
        return names;
    }

    private static Throwable await(CompletableFuture<Throwable> handshake) throws Exception {
        try {
            return handshake.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new TimeoutException("no handshake outcome within " + WAIT_SECONDS + " s");
        }
    }

    /** Completes with null on a successful handshake, with the cause on a failed one. */
    private static final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Throwable> outcome;
        private final CompletableFuture<SSLSession> session;
        private final CompletableFuture<Optional<String>> keyExchangeGroup;

        HandshakeRecorder(CompletableFuture<Throwable> outcome, CompletableFuture<SSLSession> session,
                CompletableFuture<Optional<String>> keyExchangeGroup) {
            this.outcome = outcome;
            this.session = session;
            this.keyExchangeGroup = keyExchangeGroup;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent) {
                SslHandshakeCompletionEvent completion = (SslHandshakeCompletionEvent) event;
                if (completion.isSuccess()) {
                    // read now: a peer that refuses us later closes the channel and removes the handler
                    SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
                    session.complete(engine.getSession());
                    keyExchangeGroup.complete(KeyExchangeGroups.negotiated(engine));
                }
                outcome.complete(completion.isSuccess() ? null : completion.cause());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            outcome.complete(cause);
            ctx.close();
        }
    }

    private static final class EchoCollector extends ChannelInboundHandlerAdapter {
        private final ByteBuf received = Unpooled.buffer();
        private final int expected;
        private final CompletableFuture<byte[]> echo;

        EchoCollector(int expected, CompletableFuture<byte[]> echo) {
            this.expected = expected;
            this.echo = echo;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received.writeBytes(buf);
            buf.release();
            if (received.readableBytes() >= expected) {
                byte[] bytes = new byte[received.readableBytes()];
                received.readBytes(bytes);
                echo.complete(bytes);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            echo.completeExceptionally(new IllegalStateException("connection closed before the echo arrived"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            echo.completeExceptionally(cause);
            ctx.close();
        }
    }
}
