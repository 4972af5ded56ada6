package io.github.flinksslext.trust;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import java.nio.ByteBuffer;

/**
 * A read-only view of a client engine for the JDK's own HTTPS identity check, which a standard
 * trust manager makes when the engine's parameters ask for "HTTPS": they do here, and the handshake
 * session reports the host the client connected to. Never on the data path: it only answers the
 * trust manager's questions during one certificate check.
 */
final class ConnectedHostEngine extends SSLEngine {

    private final SSLEngine engine;
    private final String host;

    ConnectedHostEngine(SSLEngine engine, String host) {
        super(host, engine.getPeerPort());
        this.engine = engine;
        this.host = host;
    }

    @Override
    public SSLSession getHandshakeSession() {
        SSLSession session = engine.getHandshakeSession();
        return session == null ? null : new ConnectedHostSession(session, host);
    }

    @Override
    public SSLParameters getSSLParameters() {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) {
        throw readOnly();
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length) {
        throw readOnly();
    }

    @Override
    public void beginHandshake() {
        throw readOnly();
    }

    @Override
    public void closeInbound() {
        throw readOnly();
    }

    @Override
    public void closeOutbound() {
        throw readOnly();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        throw readOnly();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        throw readOnly();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        throw readOnly();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        throw readOnly();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        throw readOnly();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        throw readOnly();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a view of a client engine for its certificate check only");
    }
}
