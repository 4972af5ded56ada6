package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.OutboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;

import java.util.Optional;

/**
 * Flink's RestClient (1.20 to 2.3) adds the handlers of every {@link OutboundChannelHandlerFactory}
 * service to each connection's pipeline, after its SslHandler and before it connects. That is the
 * one place where the jar learns which host a REST client connects to: Flink creates the engine
 * earlier, without a host or with another one (RestClusterClient sends to the leader it
 * retrieved). Registered in META-INF/services; inert in a pipeline without TLS.
 */
public final class RestClientHandlers implements OutboundChannelHandlerFactory {

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration) {
        // no read of security.ssl.rest.enabled here: Flink asks for each connection, and the handler is inert in a
        // pipeline without an SslHandler, which is what Flink builds when REST TLS is off
        return Optional.of(new ConnectedHostHandler(
                new HandshakeOutcomes("REST client", () -> EndpointSettingsParser.parse(configuration, TlsEndpoint.REST))));
    }
}
