package io.github.flinksslext.hook;

import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;

/**
 * Flink's SSLHandlerFactory, handing out handlers that count their handshakes. Every Netty
 * pipeline of Flink's with TLS (data plane, REST server and client) gets its SslHandler from here,
 * so this sees every handshake there without owning a pipeline. Builds the handler exactly as
 * Flink's own private method does (checked in 1.20.3 and 2.3.0): the engine from the context, the
 * handshake and close_notify timeouts when not negative.
 */
final class ObservedSslHandlerFactory extends SSLHandlerFactory {

    /** {@code -Dflinksslext.handshake-counting=off} hands out Flink's plain handlers: for the benchmark's comparison. */
    static final String COUNTING_PROPERTY = "flinksslext.handshake-counting";

    private final SslContext context;
    private final int handshakeTimeoutMs;
    private final int closeNotifyFlushTimeoutMs;
    private final EndpointSide where;

    private ObservedSslHandlerFactory(SslContext context, int handshakeTimeoutMs, int closeNotifyFlushTimeoutMs, EndpointSide where) {
        super(context, handshakeTimeoutMs, closeNotifyFlushTimeoutMs);
        this.context = context;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.closeNotifyFlushTimeoutMs = closeNotifyFlushTimeoutMs;
        this.where = where;
    }

    static SSLHandlerFactory of(
            SslContext context, int handshakeTimeoutMs, int closeNotifyFlushTimeoutMs, TlsEndpoint endpoint, TlsSide side) {
        if ("off".equals(System.getProperty(COUNTING_PROPERTY))) {
            return new SSLHandlerFactory(context, handshakeTimeoutMs, closeNotifyFlushTimeoutMs);
        }
        return new ObservedSslHandlerFactory(context, handshakeTimeoutMs, closeNotifyFlushTimeoutMs, new EndpointSide(endpoint, side));
    }

    @Override
    public SslHandler createNettySSLHandler(ByteBufAllocator allocator) {
        return handler(context.newEngine(allocator));
    }

    @Override
    public SslHandler createNettySSLHandler(ByteBufAllocator allocator, String hostname, int port) {
        return handler(context.newEngine(allocator, hostname, port));
    }

    private SslHandler handler(SSLEngine engine) {
        SslHandler handler = new ObservedSslHandler(engine, ProcessTls.get().handshakes(), where);
        if (handshakeTimeoutMs >= 0) {
            handler.setHandshakeTimeoutMillis(handshakeTimeoutMs);
        }
        if (closeNotifyFlushTimeoutMs >= 0) {
            handler.setCloseNotifyFlushTimeoutMillis(closeNotifyFlushTimeoutMs);
        }
        return handler;
    }
}
