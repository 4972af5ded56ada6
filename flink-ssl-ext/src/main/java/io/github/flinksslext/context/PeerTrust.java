package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.trust.ConfiguredHostTrustManager;
import io.github.flinksslext.trust.PinSet;
import io.github.flinksslext.trust.PinningTrustManager;
import io.github.flinksslext.trust.PinsOnlyTrustManager;
import io.github.flinksslext.trust.SingleTrustManagerFactory;
import io.github.flinksslext.trust.StandardTrust;
import io.github.flinksslext.stores.TrustMaterial;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;


/** How one side of an endpoint decides whether to trust its peer, and the words for the log line. */
final class PeerTrust {

    /** The side does not check its peer (a REST server without mutual TLS). */
    static final PeerTrust NONE = new PeerTrust(null, null, null, "peer not verified");

    /** Startup validation of REST contexts only: checks keys, protocols and suites, not trust. */
    static final PeerTrust ANY = new PeerTrust(InsecureTrustManagerFactory.INSTANCE, null, null, "any peer (validation only)");

    private final TrustManagerFactory factory;
    private final X509TrustManager manager;
    private final PinSet pins;
    private final String description;

    private PeerTrust(TrustManagerFactory factory, X509TrustManager manager, PinSet pins, String description) {
        this.factory = factory;
        this.manager = manager;
        this.pins = pins;
        this.description = description;
    }

    /**
     * @param trust the endpoint's truststore, or null for the JVM's default one (REST only)
     */
    static PeerTrust of(EndpointSettings settings, TrustMaterial trust) {
        String trustSource = trust == null ? "the JVM's default truststore" : "'" + trust.location().path() + "'";
        PinSet pins = settings.pins().orElse(null);
        String pinned = pins == null ? null
                : pins.pins().size() + " pin(s) from '" + pins.optionKey() + "' (" + pins.describeCounts() + ")";
        if (pins != null && settings.pinOnly()) {
            return single(
                    new PinsOnlyTrustManager(pins),
                    pins,
                    pinned + " ONLY: chain, signatures and dates NOT checked ('" + settings.options().certPinOnly.key()
                            + "' is true)");
        }
        boolean configuredHost = settings.verifyHostname() && settings.restAddress().isPresent();
        if (pins == null && !configuredHost && trust == null) {
            // Netty falls back to the JVM's default trust itself
            return new PeerTrust(null, null, null, "chain checked against " + trustSource);
        }
        X509ExtendedTrustManager manager = StandardTrust.over(
                trust == null ? null : trust.store(),
                trust == null ? settings.options().truststore.key() : trust.location().pathKey(),
                trust == null ? "the JVM's default truststore" : "'" + trust.location().path() + "'");
        if (pins == null && !configuredHost) {
            return single(manager, null, "chain checked against " + trustSource);
        }
        String description = "chain checked against " + trustSource;
        if (pins != null) {
            manager = new PinningTrustManager(manager, pins, trust == null ? null : trust.location().pathKey());
            description += ", then " + pinned;
        }
        if (configuredHost) {
            // Flink before 2.3 gives its REST client's engines no host: check the configured one
            manager = new ConfiguredHostTrustManager(manager, settings.restAddress().get());
        }
        return single(manager, pins, description);
    }

    private static PeerTrust single(X509TrustManager manager, PinSet pins, String description) {
        return new PeerTrust(new SingleTrustManagerFactory(manager), manager, pins, description);
    }

    /** The factory to hand Netty, or null to let Netty use the JVM's default trust. */
    TrustManagerFactory factory() {
        return factory;
    }

    /** The trust manager the context checks peers with; null for NONE, ANY and the JVM's default trust. */
    X509TrustManager manager() {
        return manager;
    }

    /** The option to blame when this trust refuses the process's own certificate. */
    String optionKey(TrustMaterial trust) {
        return pins != null ? pins.optionKey() : trust.location().pathKey();
    }

    String describe() {
        return description;
    }
}
