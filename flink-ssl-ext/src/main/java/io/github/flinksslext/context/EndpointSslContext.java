package io.github.flinksslext.context;

import io.github.flinksslext.engine.FirstHandshakeOnly;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.DelegatingSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.JdkSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Hostname verification as configured, on Netty 4.1 (never verifies by default) and 4.2 (always
 * verifies by default) alike: on for a REST client that asked for it, off for everything else. The
 * builder carries it where Netty lets it (4.2, and "off" on 4.1); only a verifying client on 4.1
 * needs it set on each engine. Server engines of the JDK provider refuse renegotiation (BoringSSL's
 * do by themselves).
 */
public final class EndpointSslContext extends DelegatingSslContext {

    private final SslContext delegate;
    private final boolean verifyHostname;
    private final boolean setPerEngine;
    private final boolean refuseRenegotiation;

    EndpointSslContext(SslContext delegate, boolean verifyHostname, boolean setPerEngine, boolean refuseRenegotiation) {
        super(delegate);
        this.delegate = delegate;
        this.verifyHostname = verifyHostname;
        this.setPerEngine = setPerEngine;
        this.refuseRenegotiation = refuseRenegotiation;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        if (refuseRenegotiation && !engine.getUseClientMode()) {
            FirstHandshakeOnly.applyTo(engine);
        }
        if (!setPerEngine || !engine.getUseClientMode()) {
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
