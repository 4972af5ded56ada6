package io.github.flinksslext.context;

import io.github.flinksslext.engine.FirstHandshakeOnly;

import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ApplicationProtocolNegotiator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import java.util.List;
import java.util.function.Supplier;

/**
 * The context Flink gets: every engine comes from the material in use at the moment it is
 * created, so a connection opened after a rotation presents and checks the new certificates while
 * the ones already open keep theirs. Beyond the builder's settings, server engines of the JDK
 * provider refuse renegotiation (BoringSSL's do by themselves); host names are never the engines'
 * business: the trust manager checks them where configured.
 */
public final class EndpointSslContext extends SslContext {

    private final Supplier<BuiltContext> inUse;

    EndpointSslContext(Supplier<BuiltContext> inUse) {
        this.inUse = inUse;
    }

    /** A context that never changes: for startup validation and where reloading is off. */
    static EndpointSslContext fixed(BuiltContext built) {
        return new EndpointSslContext(() -> built);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        BuiltContext built = inUse.get();
        return init(built, built.netty.newEngine(alloc));
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        BuiltContext built = inUse.get();
        return init(built, built.netty.newEngine(alloc, peerHost, peerPort));
    }

    private static SSLEngine init(BuiltContext built, SSLEngine engine) {
        if (built.refuseRenegotiation && !engine.getUseClientMode()) {
            FirstHandshakeOnly.applyTo(engine);
        }
        return engine;
    }

    @Override
    public boolean isClient() {
        return inUse.get().netty.isClient();
    }

    @Override
    public List<String> cipherSuites() {
        return inUse.get().netty.cipherSuites();
    }

    @Override
    @SuppressWarnings("deprecation")
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return inUse.get().netty.applicationProtocolNegotiator();
    }

    @Override
    public SSLSessionContext sessionContext() {
        return inUse.get().netty.sessionContext();
    }

    /** Whether this is a REST client context that checks the server's host name. */
    public boolean verifiesHostname() {
        return inUse.get().verifyHostname;
    }

    /**
     * A JDK context for Flink's socket-based endpoints (blob server and client) whose engines and
     * sockets, like this context's engines, come from the material in use: see
     * {@link EndpointJdkContext}. Null for OPENSSL.
     */
    public SSLContext jdkContext() {
        BuiltContext built = inUse.get();
        return built.settings.provider() == SslProvider.JDK ? EndpointJdkContext.over(inUse) : null;
    }
}
