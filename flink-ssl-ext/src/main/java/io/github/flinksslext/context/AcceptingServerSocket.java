package io.github.flinksslext.context;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A TLS server socket that runs each connection it accepts through the JDK context in use at that
 * moment, not the one of its creation: Flink's blob server creates its socket once and keeps it for
 * the life of the process, through every rotation. A connection whose handshake starts after the
 * material it was accepted with went out of use is refused ({@link WhileInUse}).
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
            SSLContext acceptedWith = inUse.get();
            SSLSocket tls = (SSLSocket) acceptedWith.getSocketFactory().createSocket(connection, null, true);
            tls.setUseClientMode(settings.getUseClientMode());
            SSLParameters parameters = settings.getSSLParameters();
            parameters.setAlgorithmConstraints(
                    new WhileInUse(tls, acceptedWith, inUse, parameters.getAlgorithmConstraints()));
            tls.setSSLParameters(parameters);
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

    /**
     * Refuses a handshake that starts after the material its connection was accepted with went out
     * of use: a client may open its connection before a rotation and send its hello after it, and
     * would otherwise be checked against the old trust. The JDK asks an engine's or socket's own
     * constraints, on top of its default ones, as each handshake starts, before it has a handshake
     * session; refused then, the handshake finds no protocol it may use and fails with a fatal
     * alert. Within a handshake (a handshake session exists) they add nothing, so a rotation does not
     * break a handshake already under way.
     */
    private static final class WhileInUse implements AlgorithmConstraints {

        private final SSLSocket connection;
        private final SSLContext acceptedWith;
        private final Supplier<SSLContext> inUse;
        /** The constraints the socket's settings carried; null for none of their own. */
        private final AlgorithmConstraints configured;

        WhileInUse(SSLSocket connection, SSLContext acceptedWith, Supplier<SSLContext> inUse,
                AlgorithmConstraints configured) {
            this.connection = connection;
            this.acceptedWith = acceptedWith;
            this.inUse = inUse;
            this.configured = configured;
        }

        private boolean outOfUse() {
            return connection.getHandshakeSession() == null && inUse.get() != acceptedWith;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return !outOfUse() && (configured == null || configured.permits(primitives, algorithm, parameters));
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return !outOfUse() && (configured == null || configured.permits(primitives, key));
        }

        @Override
        public boolean permits(
                Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return !outOfUse() && (configured == null || configured.permits(primitives, algorithm, key, parameters));
        }
    }

    @Override
    public String toString() {
        return "TLS server socket (context in use at accept) " + super.toString();
    }
}
