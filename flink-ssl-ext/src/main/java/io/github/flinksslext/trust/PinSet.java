package io.github.flinksslext.trust;

import io.github.flinksslext.stores.TrustAnchors;
import io.github.flinksslext.live.HandshakeFailure;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The pins of one endpoint and the option they came from. Immutable. */
public final class PinSet {

    private final String optionKey;
    private final List<Pin> pins;

    public PinSet(String optionKey, List<Pin> pins) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("a pin set needs at least one pin");
        }
        this.optionKey = optionKey;
        this.pins = Collections.unmodifiableList(new ArrayList<>(pins));
    }

    public String optionKey() {
        return optionKey;
    }

    public List<Pin> pins() {
        return pins;
    }

    /** True if the leaf matches any pin. Every pin is compared, so the time taken does not say which. */
    public boolean matches(X509Certificate leaf) {
        CertificateHashes hashes = new CertificateHashes(leaf);
        boolean matched = false;
        for (Pin pin : pins) {
            matched |= pin.matches(hashes);
        }
        return matched;
    }

    /** Throws an OkHttp-style report when the peer's leaf matches no pin (pin-only mode: no chain was checked). */
    public void check(X509Certificate[] peerChain, String peerRole) throws CertificateException {
        requireChain(peerChain, peerRole);
        if (!matches(peerChain[0])) {
            throw new RefusedChainException(
                    HandshakeFailure.PIN_MISMATCH, PeerChainReport.pinMismatch(this, peerChain, peerRole), peerChain, null);
        }
    }

    /**
     * After the chain validated: the leaf or a CA certificate on the validated path must match a pin,
     * as OkHttp checks, so that pinning a dedicated intermediate survives renewals with new keys.
     */
    public void check(X509Certificate[] peerChain, String peerRole, TrustAnchors anchors) throws CertificateException {
        requireChain(peerChain, peerRole);
        if (matches(peerChain[0])) {
            return;
        }
        List<X509Certificate> path = anchors.validatedPath(peerChain);
        for (int i = 1; i < path.size(); i++) {
            if (matches(path.get(i))) {
                return;
            }
        }
        throw new RefusedChainException(HandshakeFailure.PIN_MISMATCH,
                PeerChainReport.pinMismatch(this, path.toArray(new X509Certificate[0]), peerRole), peerChain, null);
    }

    /** The CA certificates among the anchors that a pin matches: pinning one of them pins nothing. */
    public List<X509Certificate> pinnedAuthorities(TrustAnchors anchors) {
        List<X509Certificate> pinned = new ArrayList<>();
        for (X509Certificate anchor : anchors.certificates()) {
            if (anchor.getBasicConstraints() >= 0 && matches(anchor)) {
                pinned.add(anchor);
            }
        }
        return pinned;
    }

    private void requireChain(X509Certificate[] peerChain, String peerRole) throws CertificateException {
        if (peerChain == null || peerChain.length == 0) {
            throw new RefusedChainException(HandshakeFailure.PIN_MISMATCH, "The " + peerRole
                    + " presented no certificate to check against the pins in '" + optionKey + "'", peerChain, null);
        }
    }

    private Map<Pin.Kind, Integer> countsByKind() {
        Map<Pin.Kind, Integer> counts = new EnumMap<>(Pin.Kind.class);
        for (Pin pin : pins) {
            counts.merge(pin.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /** How many pins of each kind, for the log line at context creation. */
    public String describeCounts() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Pin.Kind, Integer> count : countsByKind().entrySet()) {
            parts.add(count.getValue() + " " + count.getKey().description() + (count.getValue() > 1 ? "s" : ""));
        }
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinSet && ((PinSet) o).optionKey.equals(optionKey) && ((PinSet) o).pins.equals(pins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(optionKey, pins);
    }

    @Override
    public String toString() {
        return pins.toString();
    }
}
