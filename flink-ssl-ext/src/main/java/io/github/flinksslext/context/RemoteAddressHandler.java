package io.github.flinksslext.context;

import org.apache.flink.shaded.netty4.io.netty.channel.ChannelDuplexHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelPromise;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandshakeCompletionEvent;

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
    private InetSocketAddress address;

    /** Called once, before the handshake on a client, with the engine and the address. */
    protected abstract void remoteAddressKnown(SSLEngine engine, InetSocketAddress address);

    /** Called when the channel closes, if the address was known. */
    protected void channelClosed(SSLEngine engine) {}

    /**
     * Called when the TLS handshake ends, with its failure or null, if the address was known.
     *
     * @param local this side's address, which tells one listening endpoint from another
     */
    protected void handshakeEnded(SSLEngine engine, InetSocketAddress address, SocketAddress local, Throwable failure) {}

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
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent) {
            know(ctx, ctx.channel().remoteAddress()); // Flink's REST server adds its SslHandler only once TLS arrives
        }
        if (event instanceof SslHandshakeCompletionEvent && engine != null) {
            handshakeEnded(engine, address, ctx.channel().localAddress(), ((SslHandshakeCompletionEvent) event).cause());
        }
        super.userEventTriggered(ctx, event);
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
        this.address = (InetSocketAddress) address;
        remoteAddressKnown(engine, this.address);
    }
}
