package io.github.flinksslext.live;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The key and trust material one endpoint side uses now, and how it came to be: immutable, a new
 * one replaces it at each rotation.
 */
public final class MaterialInUse {

    private final List<X509Certificate> ownChain;
    private final List<X509Certificate> trusted;
    private final Instant loadedAt;
    private final long rotations;
    private final long refusedRotations;

    /**
     * @param ownChain the certificate chain this side presents, leaf first; empty if it presents none
     * @param trusted the CA certificates it trusts from its truststore; empty if it uses the JVM's or checks no peer
     */
    public MaterialInUse(
            List<X509Certificate> ownChain, List<X509Certificate> trusted, Instant loadedAt, long rotations, long refusedRotations) {
        this.ownChain = List.copyOf(ownChain);
        this.trusted = List.copyOf(trusted);
        this.loadedAt = loadedAt;
        this.rotations = rotations;
        this.refusedRotations = refusedRotations;
    }

    public List<X509Certificate> ownChain() {
        return ownChain;
    }

    public List<X509Certificate> trusted() {
        return trusted;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Rotations done on this side since the process started. */
    public long rotations() {
        return rotations;
    }

    /** Changed files whose material failed the startup checks, and so were not used. */
    public long refusedRotations() {
        return refusedRotations;
    }
}
