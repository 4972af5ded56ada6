package io.github.flinksslext.hook;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOption;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.TlsEnablement;
import io.github.flinksslext.config.ValueParsers;
import io.github.flinksslext.context.EndpointSslContext;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.metrics.TlsMetrics;
import io.github.flinksslext.spi.SslContextFactory;
import io.github.flinksslext.spi.SslContextRequest;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.JdkSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What every method of the {@code SSLUtils} stand-in does: decide, as Flink does, whether TLS is
 * on, ask the configured factory for the context, and wrap it the way Flink's callers expect.
 */
public final class FlinkSslHook {

    private FlinkSslHook() {}

    public static SSLHandlerFactory internalServerHandlers(Configuration config) throws Exception {
        return internalHandlers(config, TlsSide.SERVER);
    }

    public static SSLHandlerFactory internalClientHandlers(Configuration config) throws Exception {
        return internalHandlers(config, TlsSide.CLIENT);
    }

    public static SSLHandlerFactory restServerHandlers(Configuration config) throws Exception {
        return restHandlers(config, TlsSide.SERVER);
    }

    public static SSLHandlerFactory restClientHandlers(Configuration config) throws Exception {
        return restHandlers(config, TlsSide.CLIENT);
    }

    /** Null when REST TLS is off, as in Flink. */
    public static SslContext restNettyContext(
            Configuration config, boolean clientMode, ClientAuth clientAuth, SslProvider provider) throws Exception {
        if (!TlsEnablement.isRestEnabled(config)) {
            return null;
        }
        return create(TlsEndpoint.REST, side(clientMode), clientAuth, provider, config);
    }

    /** Null when REST TLS is off, as in Flink. */
    public static SSLContext restJdkContext(Configuration config, boolean clientMode) throws Exception {
        if (!TlsEnablement.isRestEnabled(config)) {
            return null;
        }
        return jdkContext(create(TlsEndpoint.REST, side(clientMode), restClientAuth(config), SslProvider.JDK, config), config);
    }

    public static ServerSocketFactory blobServerSockets(Configuration config) throws Exception {
        requireInternal(config, "SSL is not enabled");
        SslContext context = create(TlsEndpoint.INTERNAL, TlsSide.SERVER, ClientAuth.REQUIRE, SslProvider.JDK, config);
        SSLParameters parameters = parametersOf(context);
        parameters.setNeedClientAuth(true);
        return new ConfiguredServerSocketFactory(jdkContext(context, config).getServerSocketFactory(), parameters);
    }

    public static SocketFactory blobClientSockets(Configuration config) throws Exception {
        requireInternal(config, "SSL is not enabled");
        SslContext context = create(TlsEndpoint.INTERNAL, TlsSide.CLIENT, ClientAuth.REQUIRE, SslProvider.JDK, config);
        return new ConfiguredSocketFactory(jdkContext(context, config).getSocketFactory(), parametersOf(context));
    }

    /** {@code security.ssl.provider}, checked to be usable here. */
    public static SslProvider provider(Configuration config) {
        SslProvider provider = EndpointSettingsParser.parseProvider(SslOptions.PROVIDER.lookupOrDefault(config).get());
        if (provider != SslProvider.JDK) {
            OpenSslSupport.requireAvailable();
        }
        return provider;
    }

    /**
     * The context Flink gets for one endpoint and side, from the configured factory with all its
     * checks (the default factory's startup handshake included), with the client authentication
     * Flink asks for: for the command line's {@code check}, which opens no port.
     */
    public static SslContext context(Configuration config, TlsEndpoint endpoint, TlsSide side, SslProvider provider)
            throws Exception {
        ClientAuth clientAuth = endpoint == TlsEndpoint.INTERNAL ? ClientAuth.REQUIRE : restClientAuth(config);
        return create(endpoint, side, clientAuth, provider, config);
    }

    private static SSLHandlerFactory internalHandlers(Configuration config, TlsSide side) throws Exception {
        requireInternal(config, "SSL is not enabled for internal communication.");
        SslContext context = create(TlsEndpoint.INTERNAL, side, ClientAuth.REQUIRE, provider(config), config);
        return ObservedSslHandlerFactory.of(
                context,
                millis(config, SslOptions.INTERNAL_HANDSHAKE_TIMEOUT),
                millis(config, SslOptions.INTERNAL_CLOSE_NOTIFY_FLUSH_TIMEOUT),
                TlsEndpoint.INTERNAL, side);
    }

    private static SSLHandlerFactory restHandlers(Configuration config, TlsSide side) throws Exception {
        if (!TlsEnablement.isRestEnabled(config)) {
            throw new IllegalConfigurationException(
                    "SSL is not enabled for REST endpoints. Set '" + SslOptions.REST_ENABLED.key() + ": true'.");
        }
        SslContext context = create(TlsEndpoint.REST, side, restClientAuth(config), provider(config), config);
        return ObservedSslHandlerFactory.of(context, -1, -1, TlsEndpoint.REST, side);
    }

    private static SslContext create(
            TlsEndpoint endpoint, TlsSide side, ClientAuth clientAuth, SslProvider provider, Configuration config)
            throws Exception {
        SslContextFactory factory = SslContextFactoryLoader.load(config);
        SslContext context = factory.createSslContext(new SslContextRequest(endpoint, side, clientAuth, provider, config));
        if (context == null) {
            throw new SslConfigurationException(
                    SslOptions.CONTEXT_FACTORY.key(),
                    factory.getClass().getName() + " returned no context for the " + endpoint + " " + side,
                    "return a context for every request; the jar asks only for endpoints whose TLS is on");
        }
        TlsMetrics.contextCreated(config, endpoint, side);
        return context;
    }

    private static ClientAuth restClientAuth(Configuration config) {
        return TlsEnablement.isRestAuthenticationEnabled(config) ? ClientAuth.REQUIRE : ClientAuth.NONE;
    }

    private static void requireInternal(Configuration config, String message) {
        if (!TlsEnablement.isInternalEnabled(config)) {
            throw new IllegalConfigurationException(
                    message + " Set '" + SslOptions.INTERNAL_ENABLED.key() + ": true'.");
        }
    }

    private static TlsSide side(boolean clientMode) {
        return clientMode ? TlsSide.CLIENT : TlsSide.SERVER;
    }

    private static int millis(Configuration config, SslOption option) {
        return ValueParsers.parseIntOrDefaultMarker(option.lookupOrDefault(config).get());
    }

    /** The JDK SSLContext under a JDK-provider context, for Flink's socket endpoints. */
    private static SSLContext jdkContext(SslContext context, Configuration config) {
        SSLContext jdk = null;
        if (context instanceof EndpointSslContext) {
            jdk = ((EndpointSslContext) context).jdkContext();
        } else if (context instanceof JdkSslContext) {
            jdk = ((JdkSslContext) context).context();
        }
        if (jdk == null) {
            throw new SslConfigurationException(
                    SslOptions.CONTEXT_FACTORY.key(),
                    SslOptions.CONTEXT_FACTORY.lookupOrDefault(config).get().value() + " returned a "
                            + context.getClass().getName() + " where a JDK context is needed (blob server sockets)",
                    "return a context built with SslProvider.JDK when the request's provider is JDK");
        }
        return jdk;
    }

    /** The protocols, suites and client-auth setting the context puts on its engines. */
    private static SSLParameters parametersOf(SslContext context) {
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        try {
            return engine.getSSLParameters();
        } finally {
            ReferenceCountUtil.release(engine);
        }
    }
}
