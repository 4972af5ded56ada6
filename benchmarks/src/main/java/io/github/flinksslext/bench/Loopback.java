package io.github.flinksslext.bench;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.Bootstrap;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.ServerBootstrap;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInitializer;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelOption;
import org.apache.flink.shaded.netty4.io.netty.channel.EventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.SocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioServerSocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioSocketChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;
import org.apache.flink.shaded.netty4.io.netty.util.concurrent.Future;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Netty server and client on loopback with Flink's SSLHandlerFactory in the pipeline, or none
 * for plaintext: what Flink's NettyServer and NettyClient do, without Flink's protocol on top.
 */
final class Loopback implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final SSLHandlerFactory clientTls;
    private final boolean pingPong;
    private final Channel server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Expectation> expectation = new AtomicReference<>();

    /** The server completes it once that many bytes in all have arrived. */
    private static final class Expectation {
        final long total;
        final CompletableFuture<Void> reached = new CompletableFuture<>();

        Expectation(long total) {
            this.total = total;
        }
    }

    /** @param serverTls and {@code clientTls} null for plaintext */
    Loopback(SSLHandlerFactory serverTls, SSLHandlerFactory clientTls) throws InterruptedException {
        this(serverTls, clientTls, false);
    }

    /**
     * @param pingPong whether the server echoes one-byte messages, for {@link #roundTrip}: a TLS 1.3
     *     client learns its session ticket only from data read after the handshake
     */
    Loopback(SSLHandlerFactory serverTls, SSLHandlerFactory clientTls, boolean pingPong) throws InterruptedException {
        this.clientTls = clientTls;
        this.pingPong = pingPong;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (serverTls != null) {
                            ch.pipeline().addLast(serverTls.createNettySSLHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                if (pingPong && buf.readableBytes() == 1) {
                                    ctx.writeAndFlush(buf);
                                    return;
                                }
                                long total = received.addAndGet(buf.readableBytes());
                                buf.release();
                                Expectation expected = expectation.get();
                                if (expected != null && total >= expected.total) {
                                    expected.reached.complete(null);
                                }
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
    }

    /** Connects, and for TLS waits until the handshake is done. */
    Channel connect(String peerHost) throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (clientTls != null) {
                            ch.pipeline().addLast(peerHost == null
                                    ? clientTls.createNettySSLHandler(ch.alloc())
                                    : clientTls.createNettySSLHandler(ch.alloc(), peerHost, port));
                        }
                    }
                })
                .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .sync()
                .channel();
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            Future<Channel> handshake = tls.handshakeFuture().await();
            if (!handshake.isSuccess()) {
                throw new IllegalStateException("handshake failed", handshake.cause());
            }
        }
        return channel;
    }

    /** Sends one byte and waits for the echo: the client has then read what the server sent after the handshake. */
    static void roundTrip(Channel channel) throws Exception {
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                echoed.complete(null);
            }
        });
        channel.writeAndFlush(channel.alloc().buffer(1).writeByte(1));
        echoed.get(30, TimeUnit.SECONDS);
    }

    /** A future that completes when the server has received {@code bytes} more than so far. */
    CompletableFuture<Void> expect(long bytes) {
        Expectation expected = new Expectation(received.get() + bytes);
        expectation.set(expected);
        if (received.get() >= expected.total) {
            expected.reached.complete(null);
        }
        return expected.reached;
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
