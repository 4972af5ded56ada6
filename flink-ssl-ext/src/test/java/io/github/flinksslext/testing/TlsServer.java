package io.github.flinksslext.testing;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.bootstrap.ServerBootstrap;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInitializer;
import org.apache.flink.shaded.netty4.io.netty.channel.EventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.SocketChannel;
import org.apache.flink.shaded.netty4.io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A loopback server behind the SslHandler of a Flink SSLHandlerFactory, first in each connection's
 * pipeline as in Flink's servers, followed by the handlers a test chooses (by default an echo).
 */
public final class TlsServer implements AutoCloseable {

    private final Channel channel;
    private final EventLoopGroup ownGroup;

    private TlsServer(Channel channel, EventLoopGroup ownGroup) {
        this.channel = channel;
        this.ownGroup = ownGroup;
    }

    /** Echoes every byte back, on an event loop of its own. */
    public static TlsServer echo(SSLHandlerFactory tls) throws InterruptedException {
        return start(tls, () -> new ChannelHandler[] {echoHandler()});
    }

    /**
     * On an event loop of its own, closed with the server.
     *
     * @param handlers fresh handlers per connection, put after the SslHandler
     */
    public static TlsServer start(SSLHandlerFactory tls, Supplier<ChannelHandler[]> handlers) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        return new TlsServer(bind(tls, group, handlers), group);
    }

    static TlsServer start(SSLHandlerFactory tls, EventLoopGroup group, Supplier<ChannelHandler[]> handlers)
            throws InterruptedException {
        return new TlsServer(bind(tls, group, handlers), null);
    }

    /** Writes back what it reads; closes the connection on a failure. */
    public static ChannelHandler echoHandler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };
    }

    private static Channel bind(SSLHandlerFactory tls, EventLoopGroup group, Supplier<ChannelHandler[]> handlers)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.createNettySSLHandler(ch.alloc()));
                        ch.pipeline().addLast(handlers.get());
                    }
                })
                .bind(new InetSocketAddress(TestCertificates.loopback(), 0))
                .sync()
                .channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
