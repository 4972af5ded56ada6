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
 * A loopback server that echoes every byte back, behind the SslHandler of a Flink
 * SSLHandlerFactory, exactly as Flink's servers put it first in their pipelines.
 */
public final class TlsEchoServer implements AutoCloseable {

    private final Channel channel;
    private final EventLoopGroup ownGroup;

    private TlsEchoServer(Channel channel, EventLoopGroup ownGroup) {
        this.channel = channel;
        this.ownGroup = ownGroup;
    }

    /** A server on an event loop of its own, closed with the server. */
    public static TlsEchoServer start(SSLHandlerFactory tls) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        return new TlsEchoServer(bind(tls, group, null), group);
    }

    /**
     * @param observer a fresh handler per connection, put right after the SslHandler (to see handshake
     *     outcomes), or null
     */
    static TlsEchoServer start(SSLHandlerFactory tls, EventLoopGroup group, Supplier<ChannelHandler> observer)
            throws InterruptedException {
        return new TlsEchoServer(bind(tls, group, observer), null);
    }

    private static Channel bind(SSLHandlerFactory tls, EventLoopGroup group, Supplier<ChannelHandler> observer)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.createNettySSLHandler(ch.alloc()));
                        if (observer != null) {
                            ch.pipeline().addLast(observer.get());
                        }
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
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
