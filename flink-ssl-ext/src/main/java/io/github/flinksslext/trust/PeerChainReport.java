package io.github.flinksslext.trust;

import io.github.flinksslext.stores.Certificates;

import java.security.cert.X509Certificate;
import java.util.Date;

/**
 * Failure messages an operator can act on (after OkHttp's CertificatePinner): which check failed,
 * the peer's chain with every hash a pin could name, and the pins in force. Everything the peer
 * wrote is escaped.
 */
final class PeerChainReport {

    private PeerChainReport() {}

    static String pinMismatch(PinSet pins, X509Certificate[] chain, String peerRole) {
        return "Certificate pinning failure: the " + peerRole + "'s certificate matches none of the pins in '"
                + pins.optionKey() + "'." + chain(chain) + pinned(pins);
    }

    static String chainRejected(PinSet pins, X509Certificate[] chain, String peerRole, String truststoreKey, String reason) {
        return "Certificate chain check failed: the " + peerRole + "'s chain does not validate against "
                + truststore(truststoreKey) + " (" + PeerText.escape(reason) + "). Pins are checked only after the chain"
                + " validates." + chain(chain) + pinned(pins);
    }

    /** @param pins the pins in force, or null */
    static String anchorOutOfDate(
            PinSet pins, X509Certificate[] chain, String peerRole, String truststoreKey, X509Certificate anchor) {
        return "Certificate chain check failed: the " + peerRole + "'s chain ends at the trusted certificate '"
                + Certificates.subject(anchor) + "' of " + truststore(truststoreKey) + ", which "
                + Certificates.validityProblem(anchor, new Date()) + ". The JDK does not check the dates of trust"
                + " anchors; this jar does, for peers as for this process's own certificate." + chain(chain) + pinned(pins);
    }

    static String hostMismatch(X509Certificate[] chain, String host, String reason) {
        return "Host name check failed: the server's certificate is not valid for '" + PeerText.escape(host)
                + "', the host this client connected to (" + PeerText.escape(reason) + "; the JDK's HTTPS rules, as"
                + " 'security.ssl.verify-hostname' asks)." + chain(chain);
    }

    private static String truststore(String truststoreKey) {
        return truststoreKey == null ? "the JVM's default truststore" : "the truststore of '" + truststoreKey + "'";
    }

    static String chain(X509Certificate[] chain) {
        StringBuilder out = new StringBuilder("\n  Peer certificate chain:");
        if (chain == null || chain.length == 0) {
            return out.append("\n    (none)").toString();
        }
        for (X509Certificate cert : chain) {
            out.append("\n    ").append(PeerText.subject(cert))
                    .append(" (notAfter ").append(cert.getNotAfter().toInstant()).append(')')
                    .append("\n      SHA-256: ").append(Certificates.hex(Certificates.sha256(cert)))
                    .append("\n      SHA-1:   ").append(Certificates.hex(Certificates.sha1(cert)))
                    .append("\n      ").append(Certificates.publicKeyPin(cert));
        }
        return out.toString();
    }

    private static String pinned(PinSet pins) {
        if (pins == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n  Pinned in '").append(pins.optionKey()).append("':");
        for (Pin pin : pins.pins()) {
            out.append("\n    ").append(pin);
        }
        return out.toString();
    }
}
