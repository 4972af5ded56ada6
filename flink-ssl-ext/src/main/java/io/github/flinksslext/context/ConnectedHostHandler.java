package io.github.flinksslext.context;

import io.github.flinksslext.engine.ServerNameIndication;
import io.github.flinksslext.trust.ConnectedHosts;

import javax.net.ssl.SSLEngine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Tells a client engine's hostname check which host the client connected to, and sends that host
 * as SNI (a server behind a proxy may need it; IP literals are never sent, as TLS forbids); says
 * when the handshake shows a server without the jar.
 */
final class ConnectedHostHandler extends RemoteAddressHandler {

    private final HandshakeOutcomes outcomes;

    /** @param outcomes where handshakes with servers without the jar are told */
    ConnectedHostHandler(HandshakeOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected void handshakeEnded(SSLEngine engine, InetSocketAddress address, SocketAddress local, Throwable failure) {
        outcomes.ended(engine, address, local, failure);
    }

    @Override
    protected void remoteAddressKnown(SSLEngine engine, InetSocketAddress address) {
        if (!engine.getUseClientMode()) {
            return;
        }
        String host = address.getHostString();
        ConnectedHosts.record(engine, host);
        ServerNameIndication.request(engine, host);
    }

    @Override
    protected void channelClosed(SSLEngine engine) {
        ConnectedHosts.forget(engine);
    }
}
