package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.engine.TlsParameters;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;

/** A context together with what it was built from, for validation and the log line. */
final class BuiltContext {

    final EndpointSettings settings;
    final TlsSide side;
    final EndpointSslContext context;
    final KeyMaterial keys;
    /** Null where the side checks no peer or uses the JVM's default truststore. */
    final TrustMaterial trust;
    final PeerTrust peerTrust;
    final TlsParameters parameters;

    BuiltContext(
            EndpointSettings settings,
            TlsSide side,
            EndpointSslContext context,
            KeyMaterial keys,
            TrustMaterial trust,
            PeerTrust peerTrust,
            TlsParameters parameters) {
        this.settings = settings;
        this.side = side;
        this.context = context;
        this.keys = keys;
        this.trust = trust;
        this.peerTrust = peerTrust;
        this.parameters = parameters;
    }
}
