package io.github.flinksslext.context;

import io.github.flinksslext.engine.FirstHandshakeOnly;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.DelegatingSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.JdkSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The jar's context: Netty's, with what each engine needs beyond the builder's settings. Server
 * engines of the JDK provider refuse renegotiation (BoringSSL's do by themselves). Host names are
 * never the engines' business: the trust manager checks them where configured.
 */
public final class EndpointSslContext extends DelegatingSslContext {

    private final SslContext delegate;
    private final boolean verifyHostname;
    private final boolean refuseRenegotiation;

    EndpointSslContext(SslContext delegate, boolean verifyHostname, boolean refuseRenegotiation) {
        super(delegate);
        this.delegate = delegate;
        this.verifyHostname = verifyHostname;
        this.refuseRenegotiation = refuseRenegotiation;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        if (refuseRenegotiation && !engine.getUseClientMode()) {
            FirstHandshakeOnly.applyTo(engine);
        }
    }

    /** Whether this is a REST client context that checks the server's host name. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /** The JDK context underneath, for Flink's socket-based endpoints; null for OPENSSL. */
    public SSLContext jdkContext() {
        return delegate instanceof JdkSslContext ? ((JdkSslContext) delegate).context() : null;
    }
}
