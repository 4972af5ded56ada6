package io.github.flinksslext.spi;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.util.Objects;

/** What Flink asks for: one context for one endpoint and side, from its configuration. */
public final class SslContextRequest {

    private final TlsEndpoint endpoint;
    private final TlsSide side;
    private final ClientAuth clientAuth;
    private final SslProvider provider;
    private final Configuration configuration;

    public SslContextRequest(
            TlsEndpoint endpoint,
            TlsSide side,
            ClientAuth clientAuth,
            SslProvider provider,
            Configuration configuration) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.side = Objects.requireNonNull(side, "side");
        this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public TlsEndpoint endpoint() {
        return endpoint;
    }

    public TlsSide side() {
        return side;
    }

    public boolean isClient() {
        return side == TlsSide.CLIENT;
    }

    /**
     * Internal: always {@code REQUIRE}. REST: {@code REQUIRE} with
     * {@code security.ssl.rest.authentication-enabled}; on a client it means "present a certificate".
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The engine to build for: {@code security.ssl.provider}, or {@code JDK} where Flink needs one. */
    public SslProvider provider() {
        return provider;
    }

    /** Flink's configuration, with every {@code security.ssl.*} option. */
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public String toString() {
        return endpoint + " " + side + " (" + provider + ", client auth " + clientAuth + ")";
    }
}
