package io.github.flinksslext.trust;

import io.github.flinksslext.stores.Certificates;

import java.security.MessageDigest;
import java.util.Base64;

/** One pinned hash: of a whole certificate (SHA-1 or SHA-256) or of its public key (SHA-256). */
public final class Pin {

    /** What a pin hashes. */
    public enum Kind {
        CERTIFICATE_SHA1("SHA-1 certificate fingerprint"),
        CERTIFICATE_SHA256("SHA-256 certificate fingerprint"),
        PUBLIC_KEY_SHA256("SHA-256 public-key pin");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Kind kind;
    private final byte[] hash;

    Pin(Kind kind, byte[] hash) {
        this.kind = kind;
        this.hash = hash.clone();
    }

    public static Pin certificateSha1(byte[] hash) {
        return new Pin(Kind.CERTIFICATE_SHA1, hash);
    }

    public static Pin certificateSha256(byte[] hash) {
        return new Pin(Kind.CERTIFICATE_SHA256, hash);
    }

    public static Pin publicKeySha256(byte[] hash) {
        return new Pin(Kind.PUBLIC_KEY_SHA256, hash);
    }

    public Kind kind() {
        return kind;
    }

    /** Constant-time in the hash's content, so a timing does not reveal how close a peer came. */
    boolean matches(CertificateHashes peer) {
        return MessageDigest.isEqual(hash, peer.of(kind));
    }

    /** As an operator writes it: colon-separated hex, or {@code sha256/<base64>}. */
    @Override
    public String toString() {
        return kind == Kind.PUBLIC_KEY_SHA256
                ? "sha256/" + Base64.getEncoder().encodeToString(hash)
                : Certificates.hex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pin && ((Pin) o).kind == kind && MessageDigest.isEqual(((Pin) o).hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + java.util.Arrays.hashCode(hash);
    }
}
