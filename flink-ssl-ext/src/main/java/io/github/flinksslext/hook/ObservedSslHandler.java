package io.github.flinksslext.hook;

import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.HandshakeCounts;
import io.github.flinksslext.live.HandshakeFailure;
import io.github.flinksslext.live.Handshakes;

import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;
import org.apache.flink.shaded.netty4.io.netty.util.concurrent.Future;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Netty's SslHandler, as Flink builds it, that counts how its handshake ended. The engine is the
 * context's own, never wrapped, so Netty keeps its OpenSSL fast paths (it picks its wrapping by
 * the engine's class). The handshake future is Netty's own record of the outcome: success,
 * the engine's failure, the handshake timeout, or the channel closing first.
 */
final class ObservedSslHandler extends SslHandler {

    private final Handshakes handshakes;
    private final EndpointSide where;
    private final HandshakeCounts counts;
    private Channel channel;
    /** A client whose connect fails never handshakes: that is no TLS failure, and is not counted. */
    private boolean connected;

    ObservedSslHandler(SSLEngine engine, Handshakes handshakes, EndpointSide where) {
        super(engine);
        this.handshakes = handshakes;
        this.where = where;
        this.counts = handshakes.of(where.endpoint(), where.side());
        handshakeFuture().addListener(this::ended); // notified on the channel's event loop, like the calls below
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        connected = channel.isActive();
        super.handlerAdded(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connected = true;
        super.channelActive(ctx);
    }

    private void ended(Future<? super Channel> handshake) {
        if (handshake.isSuccess()) {
            SSLSession session = engine().getSession();
            counts.countCompleted(session.getProtocol(), session.getCipherSuite());
            return;
        }
        if (!connected) {
            return;
        }
        HandshakeFailure cause = FailureCauses.classify(handshake.cause());
        counts.countFailure(cause);
        if (cause.refusedHere()) {
            RefusedPeerLog.refused(handshakes, where, channel == null ? null : channel.remoteAddress(), cause, handshake.cause());
        }
    }
}
