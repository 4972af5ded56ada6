package io.github.flinksslext.context;

import org.apache.flink.shaded.netty4.io.netty.channel.ChannelDuplexHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelPromise;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A pipeline handler that knows its channel's remote address and the engine of the pipeline's
 * SslHandler. A client's address is taken from its connect request, as the client named it
 * ({@link InetSocketAddress#getHostString()}), before the connection exists and so before the
 * handshake starts; a server's once its channel is active. Subclasses hear of it once, and of the
 * channel's end. Flink builds its SslHandlers itself, so this handler sits beside one, never in
 * place of it: the OPENSSL engine underneath stays the one Netty drives.
 */
public abstract class RemoteAddressHandler extends ChannelDuplexHandler {

    private SSLEngine engine;

    /** Called once, before the handshake on a client, with the engine and the address. */
    protected abstract void remoteAddressKnown(SSLEngine engine, InetSocketAddress address);

    /** Called when the channel closes, if the address was known. */
    protected void channelClosed(SSLEngine engine) {}

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            know(ctx, ctx.channel().remoteAddress());
        }
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise)
            throws Exception {
        know(ctx, remote);
        super.connect(ctx, remote, local, promise);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        know(ctx, ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (engine != null) {
            channelClosed(engine);
        }
        super.channelInactive(ctx);
    }

    private void know(ChannelHandlerContext ctx, SocketAddress address) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (engine != null || tls == null || !(address instanceof InetSocketAddress)) {
            return;
        }
        engine = tls.engine();
        remoteAddressKnown(engine, (InetSocketAddress) address);
    }
}
