package io.github.flinksslext.stores;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The certificates a truststore trusts, and which of them a chain ends at. The JDK does not
 * date-check these anchors; the jar does, for this process's own chain and for peers' alike.
 */
public final class TrustAnchors {

    private final Set<X509Certificate> anchors;

    public TrustAnchors(Collection<X509Certificate> anchors) {
        this.anchors = Collections.unmodifiableSet(new LinkedHashSet<>(anchors));
    }

    /** The trusted certificates, in the truststore's order. */
    public java.util.List<X509Certificate> certificates() {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(anchors));
    }

    public boolean contains(X509Certificate cert) {
        return anchors.contains(cert);
    }

    /** The anchor that signed {@code cert}, if any. */
    public X509Certificate issuerOf(X509Certificate cert) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(anchor.getPublicKey());
                    return anchor;
                } catch (Exception e) {
                    // same name, other key: not the issuer
                }
            }
        }
        return null;
    }

    /**
     * The chain a validator accepted, cleaned as OkHttp's {@code BasicCertificateChainCleaner}
     * cleans it: from the leaf, each next certificate is the one that signed the previous, looked
     * for among the anchors first and then among the certificates sent, until a trusted certificate
     * (one with an anchor's name and key). A chain that reaches no anchor within nine signatures
     * gives the leaf alone, so certificates the peer merely sends along never match a pin.
     */
    public java.util.List<X509Certificate> validatedPath(X509Certificate[] chain) {
        java.util.List<X509Certificate> path = new java.util.ArrayList<>();
        if (chain == null || chain.length == 0) {
            return path;
        }
        X509Certificate current = chain[0];
        path.add(current);
        for (int signatures = 0; signatures < MAX_SIGNATURES; signatures++) {
            X509Certificate trusted = trustedAs(current);
            if (trusted != null) {
                path.set(path.size() - 1, trusted);
                return path;
            }
            X509Certificate next = issuerOf(current);
            if (next == null) {
                next = signerAmong(current, chain);
            }
            if (next == null || path.contains(next)) {
                break;
            }
            path.add(next);
            current = next;
        }
        return new java.util.ArrayList<>(java.util.List.of(chain[0]));
    }

    /** OkHttp's bound: no validator accepts longer chains in practice, and each step costs a signature check. */
    private static final int MAX_SIGNATURES = 9;

    /** The anchor with this certificate's name and key, if it is one. */
    private X509Certificate trustedAs(X509Certificate cert) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(cert.getSubjectX500Principal())
                    && anchor.getPublicKey().equals(cert.getPublicKey())) {
                return anchor;
            }
        }
        return null;
    }

    private static X509Certificate signerAmong(X509Certificate cert, X509Certificate[] candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate != cert && candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(candidate.getPublicKey());
                    return candidate;
                } catch (Exception e) {
                    // same name, other key: not the issuer
                }
            }
        }
        return null;
    }

    /**
     * The anchor the chain ends at when it is out of its validity at {@code now}; null when it is
     * valid, when no anchor is found, or when the leaf is a self-signed certificate trusted as
     * itself (Flink's default setup: peers accept it expired, the own certificate only warns).
     */
    public X509Certificate outOfDateAnchor(X509Certificate[] chain, Date now) {
        X509Certificate anchor = anchorOf(chain);
        if (anchor == null || (anchor.equals(chain[0]) && Certificates.isSelfSigned(anchor))) {
            return null;
        }
        return Certificates.validityProblem(anchor, now) == null ? null : anchor;
    }

    /** The first certificate of the chain that is an anchor itself, else the anchor that issued its last one. */
    private X509Certificate anchorOf(X509Certificate[] chain) {
        for (X509Certificate cert : chain) {
            if (anchors.contains(cert)) {
                return cert;
            }
        }
        return chain.length == 0 ? null : issuerOf(chain[chain.length - 1]);
    }
}
