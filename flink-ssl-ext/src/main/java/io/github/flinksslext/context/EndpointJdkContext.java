package io.github.flinksslext.context;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.JdkSslContext;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * The JDK twin of {@link EndpointSslContext}, for Flink's socket endpoints (blob server and client)
 * and {@code SSLUtils.createRestSSLContext}: every engine and socket comes from the JDK context of
 * the material in use when it is created. Each material has its own JDK context, so its own session
 * cache and ticket keys: a session agreed before a rotation cannot be resumed after it, and every
 * connection opened after a rotation is checked against the trust in use. Flink creates the blob
 * server's socket once; that socket takes each connection it accepts through the context in use at
 * accept time, and refuses a connection whose handshake starts after that material went out of use.
 */
final class EndpointJdkContext extends SSLContext {

    private EndpointJdkContext(Spi spi) {
        super(spi, spi.inUse().getProvider(), spi.inUse().getProtocol());
    }

    static SSLContext over(Supplier<BuiltContext> inUse) {
        return new EndpointJdkContext(new Spi(inUse));
    }

    /** The JDK context Netty built over one material (the JDK provider's). */
    static SSLContext of(BuiltContext built) {
        if (!(built.netty instanceof JdkSslContext)) {
            throw new IllegalStateException("a JDK-provider context is a " + built.netty.getClass().getName());
        }
        return ((JdkSslContext) built.netty).context();
    }

    private static final class Spi extends SSLContextSpi {

        private final Supplier<BuiltContext> material;

        Spi(Supplier<BuiltContext> material) {
            this.material = material;
        }

        SSLContext inUse() {
            return of(material.get());
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("this context is built from Flink's configuration and cannot be initialised again");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new SocketsInUse(this::inUse);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSocketsInUse(this::inUse);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return inUse().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return inUse().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return inUse().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return inUse().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return inUse().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return inUse().getSupportedSSLParameters();
        }
    }

    /** Client sockets, each from the context in use when it is created. */
    private static final class SocketsInUse extends SSLSocketFactory {

        private final Supplier<SSLContext> inUse;

        SocketsInUse(Supplier<SSLContext> inUse) {
            this.inUse = inUse;
        }

        private SSLSocketFactory factory() {
            return inUse.get().getSocketFactory();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return factory().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return factory().getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return factory().createSocket();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return factory().createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return factory().createSocket(socket, consumed, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return factory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return factory().createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return factory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return factory().createSocket(address, port, localAddress, localPort);
        }
    }

    /** Server sockets that run each accepted connection's TLS from the context in use at accept time. */
    private static final class ServerSocketsInUse extends SSLServerSocketFactory {

        private final Supplier<SSLContext> inUse;

        ServerSocketsInUse(Supplier<SSLContext> inUse) {
            this.inUse = inUse;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return inUse.get().getServerSocketFactory().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return inUse.get().getServerSocketFactory().getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new AcceptingServerSocket(inUse);
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return bound(new AcceptingServerSocket(inUse), port, 0, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return bound(new AcceptingServerSocket(inUse), port, backlog, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return bound(new AcceptingServerSocket(inUse), port, backlog, address);
        }

        private static ServerSocket bound(ServerSocket socket, int port, int backlog, InetAddress address)
                throws IOException {
            try {
                socket.bind(new InetSocketAddress(address, port), backlog);
                return socket;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }
}
