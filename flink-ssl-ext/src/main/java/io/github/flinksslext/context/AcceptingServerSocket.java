package io.github.flinksslext.context;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;

/**
 * A TLS server socket that runs each connection it accepts through the JDK context in use at that
 * moment, not the one of its creation: Flink's blob server creates its socket once and keeps it for
 * the life of the process, through every rotation.
 */
final class AcceptingServerSocket extends SSLServerSocket {

    private final Supplier<SSLContext> inUse;
    /** Keeps the TLS settings made on this socket, as the JDK keeps them; never bound. */
    private final SSLServerSocket settings;

    AcceptingServerSocket(Supplier<SSLContext> inUse) throws IOException {
        this.inUse = inUse;
        this.settings = (SSLServerSocket) inUse.get().getServerSocketFactory().createServerSocket();
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isBound()) {
            throw new SocketException("Socket is not bound yet");
        }
        Socket connection = new Socket();
        implAccept(connection);
        try {
            SSLSocket tls = (SSLSocket) inUse.get().getSocketFactory().createSocket(connection, null, true);
            tls.setUseClientMode(settings.getUseClientMode());
            tls.setSSLParameters(settings.getSSLParameters());
            tls.setEnableSessionCreation(settings.getEnableSessionCreation());
            return tls;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            settings.close();
        } finally {
            super.close();
        }
    }

    @Override
    public SSLParameters getSSLParameters() {
        return settings.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        settings.setSSLParameters(parameters);
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return settings.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        settings.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return settings.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return settings.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return settings.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        settings.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        settings.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return settings.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        settings.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return settings.getWantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean clientMode) {
        settings.setUseClientMode(clientMode);
    }

    @Override
    public boolean getUseClientMode() {
        return settings.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean enabled) {
        settings.setEnableSessionCreation(enabled);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return settings.getEnableSessionCreation();
    }

    @Override
    public String toString() {
        return "TLS server socket (context in use at accept) " + super.toString();
    }
}
