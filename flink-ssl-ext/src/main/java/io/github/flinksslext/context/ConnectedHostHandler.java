package io.github.flinksslext.context;

import io.github.flinksslext.trust.ConnectedHosts;

import org.apache.flink.shaded.netty4.io.netty.util.NetUtil;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.List;

/**
 * Tells a client engine's hostname check which host the client connected to, and sends that host
 * as SNI (a server behind a proxy may need it; IP literals are never sent, as TLS forbids); says
 * when the handshake shows a server without the jar.
 */
final class ConnectedHostHandler extends RemoteAddressHandler {

    private final HandshakeOutcomes outcomes;

    /** @param outcomes where handshakes with servers without the jar are told, or null */
    ConnectedHostHandler(HandshakeOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected void handshakeEnded(SSLEngine engine, InetSocketAddress address, SocketAddress local, Throwable failure) {
        if (outcomes != null) {
            outcomes.ended(engine, address, local, failure);
        }
    }

    @Override
    protected void remoteAddressKnown(SSLEngine engine, InetSocketAddress address) {
        if (!engine.getUseClientMode()) {
            return;
        }
        String host = address.getHostString();
        ConnectedHosts.record(engine, host);
        requestServerName(engine, host);
    }

    @Override
    protected void channelClosed(SSLEngine engine) {
        ConnectedHosts.forget(engine);
    }

    private static void requestServerName(SSLEngine engine, String host) {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return;
        }
        List<SNIServerName> name;
        try {
            name = Collections.singletonList(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return; // not a name SNI can carry (a trailing dot, an underscore); the certificate check still runs
        }
        SSLParameters parameters = engine.getSSLParameters();
        if (!name.equals(parameters.getServerNames())) {
            parameters.setServerNames(name);
            engine.setSSLParameters(parameters);
        }
    }
}
