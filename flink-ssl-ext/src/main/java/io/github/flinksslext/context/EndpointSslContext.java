package io.github.flinksslext.context;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.DelegatingSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.JdkSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Sets hostname verification on every client engine explicitly, so the same jar behaves the
 * same on Netty 4.1 (never verifies by default) and 4.2 (always verifies by default): on for a
 * REST client that asked for it, off for everything else.
 */
public final class EndpointSslContext extends DelegatingSslContext {

    private final SslContext delegate;
    private final boolean verifyHostname;

    EndpointSslContext(SslContext delegate, boolean verifyHostname) {
        super(delegate);
        this.delegate = delegate;
        this.verifyHostname = verifyHostname;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        if (!engine.getUseClientMode()) {
            return;
        }
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
    }

    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /** The JDK context underneath, for Flink's socket-based endpoints; null for OPENSSL. */
    public SSLContext jdkContext() {
        return delegate instanceof JdkSslContext ? ((JdkSslContext) delegate).context() : null;
    }
}
