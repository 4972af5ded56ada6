package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.TlsEnablement;
import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;

import javax.net.ssl.SSLEngine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Flink's REST server (1.20 to 2.3) adds the handlers of every {@link InboundChannelHandlerFactory}
 * service to each connection. The jar's logs handshakes with clients that do not have it (Flink's
 * legacy suite, or refused in strict mode), with the client's address. Registered in
 * META-INF/services; none where REST TLS is off.
 */
public final class RestServerHandlers implements InboundChannelHandlerFactory {

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration, Map<String, String> responseHeaders) {
        if (!TlsEnablement.isRestEnabled(configuration)) {
            return Optional.empty();
        }
        HandshakeOutcomes outcomes =
                new HandshakeOutcomes("REST server", () -> EndpointSettingsParser.parse(configuration, TlsEndpoint.REST));
        return Optional.of(new RemoteAddressHandler() {
            @Override
            protected void remoteAddressKnown(SSLEngine engine, InetSocketAddress address) {}

            @Override
            protected void handshakeEnded(SSLEngine engine, InetSocketAddress address, SocketAddress local, Throwable failure) {
                outcomes.ended(engine, address, local, failure);
            }
        });
    }
}
