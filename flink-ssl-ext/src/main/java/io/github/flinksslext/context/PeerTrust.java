package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.trust.HostnameVerifyingTrustManager;
import io.github.flinksslext.trust.PeerChainTrustManager;
import io.github.flinksslext.trust.PinSet;
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
     * @param trust the endpoint's truststore, or null for the JVM's default one (REST clients only)
     * @param verifyHostname whether this side is a REST client that checks the server's host name
     */
    static PeerTrust of(EndpointSettings settings, TrustMaterial trust, boolean verifyHostname) {
        PinSet pins = settings.pins().orElse(null);
        String pinned = pins == null ? null
                : pins.pins().size() + " pin(s) from '" + pins.optionKey() + "' (" + pins.describeCounts() + ")";
        X509ExtendedTrustManager standard = null;
        X509TrustManager manager;
        String description;
        if (pins != null && settings.pinOnly()) {
            manager = new PinsOnlyTrustManager(pins);
            description = pinned + " ONLY: chain, signatures and dates NOT checked ('" + settings.options().certPinOnly.key()
                    + "' is true)";
        } else {
            standard = StandardTrust.over(
                    trust == null ? null : trust.store(),
                    trust == null ? settings.options().truststore.key() : trust.location().pathKey(),
                    trust == null ? "the JVM's default truststore" : "'" + trust.location().path() + "'");
            manager = new PeerChainTrustManager(standard, pins, trust == null ? null : trust.location().pathKey());
            description = "chain checked against "
                    + (trust == null ? "the JVM's default truststore" : "'" + trust.location().path() + "'")
                    + " (the CA's dates included)" + (pins == null ? "" : ", then " + pinned);
        }
        if (verifyHostname) {
            manager = new HostnameVerifyingTrustManager(manager, standard);
            description += "; host name checked by the JDK's HTTPS rules against the host connected to";
        }
        return new PeerTrust(new SingleTrustManagerFactory(manager), manager, pins, description);
    }

    /** The factory to hand Netty; null for NONE. */
    TrustManagerFactory factory() {
        return factory;
    }

    /** The trust manager the context checks peers with; null for NONE and ANY. */
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
