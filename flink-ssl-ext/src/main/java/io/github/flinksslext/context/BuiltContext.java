package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.engine.TlsParameters;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

/** One side's Netty context together with what it was built from, for validation, logs and rotation. */
final class BuiltContext {

    final EndpointSettings settings;
    final TlsSide side;
    /** Netty's context over this material; engines are taken from it through {@link EndpointSslContext}. */
    final SslContext netty;
    /** A REST client context that checks the server's host name. */
    final boolean verifyHostname;
    /** Server engines of the JDK provider refuse renegotiation (BoringSSL's do by themselves). */
    final boolean refuseRenegotiation;
    /** Null where the side presents no certificate. */
    final KeyMaterial keys;
    /** Null where the side checks no peer or uses the JVM's default truststore. */
    final TrustMaterial trust;
    final PeerTrust peerTrust;
    final TlsParameters parameters;
    /** The INFO line that says what this is; set once validated. */
    final String description;

    BuiltContext(
            EndpointSettings settings,
            TlsSide side,
            SslContext netty,
            boolean verifyHostname,
            boolean refuseRenegotiation,
            KeyMaterial keys,
            TrustMaterial trust,
            PeerTrust peerTrust,
            TlsParameters parameters,
            String description) {
        this.settings = settings;
        this.side = side;
        this.netty = netty;
        this.verifyHostname = verifyHostname;
        this.refuseRenegotiation = refuseRenegotiation;
        this.keys = keys;
        this.trust = trust;
        this.peerTrust = peerTrust;
        this.parameters = parameters;
        this.description = description;
    }

    BuiltContext describedAs(String line) {
        return new BuiltContext(
                settings, side, netty, verifyHostname, refuseRenegotiation, keys, trust, peerTrust, parameters, line);
    }
}
