package io.github.flinksslext.trust;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import java.security.Principal;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;

/**
 * A handshake session as the JDK's HTTPS identity check reads it: the real one, except that its
 * peer host is the host the client connected to and it requested no other server name (the JDK
 * would check a requested SNI name first). Only ever handed to a trust manager.
 */
final class ConnectedHostSession extends ExtendedSSLSession {

    private final SSLSession session;
    private final String host;

    ConnectedHostSession(SSLSession session, String host) {
        this.session = session;
        this.host = host;
    }

    @Override
    public String getPeerHost() {
        return host;
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return Collections.emptyList();
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return session instanceof ExtendedSSLSession
                ? ((ExtendedSSLSession) session).getLocalSupportedSignatureAlgorithms() : new String[0];
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return session instanceof ExtendedSSLSession
                ? ((ExtendedSSLSession) session).getPeerSupportedSignatureAlgorithms() : new String[0];
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return session instanceof ExtendedSSLSession
                ? ((ExtendedSSLSession) session).getStatusResponses() : Collections.emptyList();
    }

    @Override
    public byte[] getId() {
        return session.getId();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return session.getSessionContext();
    }

    @Override
    public long getCreationTime() {
        return session.getCreationTime();
    }

    @Override
    public long getLastAccessedTime() {
        return session.getLastAccessedTime();
    }

    @Override
    public void invalidate() {
        session.invalidate();
    }

    @Override
    public boolean isValid() {
        return session.isValid();
    }

    @Override
    public void putValue(String name, Object value) {
        session.putValue(name, value);
    }

    @Override
    public Object getValue(String name) {
        return session.getValue(name);
    }

    @Override
    public void removeValue(String name) {
        session.removeValue(name);
    }

    @Override
    public String[] getValueNames() {
        return session.getValueNames();
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        return session.getPeerCertificates();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return session.getLocalCertificates();
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
        return session.getPeerCertificateChain();
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return session.getPeerPrincipal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return session.getLocalPrincipal();
    }

    @Override
    public String getCipherSuite() {
        return session.getCipherSuite();
    }

    @Override
    public String getProtocol() {
        return session.getProtocol();
    }

    @Override
    public int getPeerPort() {
        return session.getPeerPort();
    }

    @Override
    public int getPacketBufferSize() {
        return session.getPacketBufferSize();
    }

    @Override
    public int getApplicationBufferSize() {
        return session.getApplicationBufferSize();
    }
}
