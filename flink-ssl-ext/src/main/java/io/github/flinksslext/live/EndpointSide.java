package io.github.flinksslext.live;

import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import java.util.Locale;
import java.util.Objects;

/** One side of one endpoint: what live state and metrics are kept per. */
public final class EndpointSide {

    private final TlsEndpoint endpoint;
    private final TlsSide side;

    public EndpointSide(TlsEndpoint endpoint, TlsSide side) {
        this.endpoint = Objects.requireNonNull(endpoint);
        this.side = Objects.requireNonNull(side);
    }

    public TlsEndpoint endpoint() {
        return endpoint;
    }

    public TlsSide side() {
        return side;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointSide && ((EndpointSide) o).endpoint == endpoint && ((EndpointSide) o).side == side;
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode() * 31 + side.hashCode();
    }

    /** "internal server", "rest client", ... */
    @Override
    public String toString() {
        return endpoint.name().toLowerCase(Locale.ROOT) + " " + side.name().toLowerCase(Locale.ROOT);
    }
}
