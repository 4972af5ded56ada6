package io.github.flinksslext.bench;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.channel.embedded.EmbeddedChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;

/**
 * One handshake between a client and a server SslHandler from Flink's SSLHandlerFactory, each in an
 * embedded channel, records passed by hand: Netty's pipeline and handshake future without sockets.
 */
final class HandlerHandshake {

    private HandlerHandshake() {}

    static boolean run(SSLHandlerFactory clientTls, SSLHandlerFactory serverTls) {
        SslHandler clientHandler = clientTls.createNettySSLHandler(ByteBufAllocator.DEFAULT);
        SslHandler serverHandler = serverTls.createNettySSLHandler(ByteBufAllocator.DEFAULT);
        EmbeddedChannel server = new EmbeddedChannel(serverHandler);
        EmbeddedChannel client = new EmbeddedChannel(clientHandler); // active at once: sends its ClientHello
        try {
            for (int flight = 0; flight < 10 && !(clientHandler.handshakeFuture().isDone() && serverHandler.handshakeFuture().isDone()); flight++) {
                pass(client, server);
                pass(server, client);
            }
            if (!clientHandler.handshakeFuture().isSuccess() || !serverHandler.handshakeFuture().isSuccess()) {
                throw new IllegalStateException("handshake failed: client " + clientHandler.handshakeFuture().cause()
                        + ", server " + serverHandler.handshakeFuture().cause());
            }
            return true;
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
        for (ByteBuf record = from.readOutbound(); record != null; record = from.readOutbound()) {
            to.writeInbound(record);
        }
    }
}
