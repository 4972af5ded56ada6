package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.engine.TlsParameters;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.KeyMaterial;

/** A context together with what it was built from, for validation and the log line. */
final class BuiltContext {

    final EndpointSettings settings;
    final TlsSide side;
    final EndpointSslContext context;
    final KeyMaterial keys;
    final PeerTrust peerTrust;
    final TlsParameters parameters;

    BuiltContext(
            EndpointSettings settings,
            TlsSide side,
            EndpointSslContext context,
            KeyMaterial keys,
            PeerTrust peerTrust,
            TlsParameters parameters) {
        this.settings = settings;
        this.side = side;
        this.context = context;
        this.keys = keys;
        this.peerTrust = peerTrust;
        this.parameters = parameters;
    }
}
