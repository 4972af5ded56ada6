package io.github.flinksslext.hook;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Server sockets (the blob server's) with the context's protocols, suites and client auth. */
final class ConfiguredServerSocketFactory extends ServerSocketFactory {

    private final SSLServerSocketFactory delegate;
    private final SSLParameters parameters;

    ConfiguredServerSocketFactory(SSLServerSocketFactory delegate, SSLParameters parameters) {
        this.delegate = delegate;
        this.parameters = parameters;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return configure(delegate.createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return configure(delegate.createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return configure(delegate.createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return configure(delegate.createServerSocket(port, backlog, address));
    }

    private ServerSocket configure(ServerSocket socket) {
        ((SSLServerSocket) socket).setSSLParameters(parameters);
        return socket;
    }
}
