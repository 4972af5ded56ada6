package io.github.flinksslext.hook;

import io.github.flinksslext.live.HandshakeFailure;
import io.github.flinksslext.trust.RefusedChainException;

import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Names why a handshake failed. The jar's trust managers name their refusals where they make them
 * ({@link RefusedChainException}, kept as the cause by both engines); everything else is read from
 * the words the JDK, BoringSSL and Netty use, which differ per engine but not per release.
 */
final class FailureCauses {

    private FailureCauses() {}

    static HandshakeFailure classify(Throwable failure) {
        RefusedChainException refused = refusal(failure);
        if (refused != null) {
            return refused.failure();
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            HandshakeFailure named = byWords(t);
            if (named != null) {
                return named;
            }
        }
        return HandshakeFailure.OTHER;
    }

    /** The trust manager's refusal in the failure's causes, or null. */
    static RefusedChainException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof RefusedChainException) {
                return (RefusedChainException) t;
            }
        }
        return null;
    }

    private static HandshakeFailure byWords(Throwable t) {
        // Netty's SslHandshakeTimeoutException (4.1.53 and later), by name: older releases said it in the message
        if (t.getClass().getSimpleName().equals("SslHandshakeTimeoutException")) {
            return HandshakeFailure.TIMEOUT;
        }
        if (t instanceof ClosedChannelException) {
            return HandshakeFailure.PEER_CLOSED;
        }
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("handshake timed out")) {
            return HandshakeFailure.TIMEOUT;
        }
        if (m.contains("empty client certificate chain") || m.contains("peer_did_not_return_a_certificate")
                || m.contains("certificate_required")) {
            return HandshakeFailure.NO_CLIENT_CERTIFICATE;
        }
        if (m.contains("no cipher suites in common") || m.contains("no_shared_cipher") || m.contains("no_cipher_match")
                || m.contains("protocol_version") || m.contains("unsupported_protocol") || m.contains("no appropriate protocol")
                || m.contains("not enabled or supported") || m.contains("not accepted by server preferences")
                || m.contains("no_supported_versions") || m.contains("insufficient_security")) {
            return HandshakeFailure.PROTOCOL_OR_SUITE_MISMATCH;
        }
        if (m.contains("bad_certificate") || m.contains("certificate_unknown") || m.contains("certificate_expired")
                || m.contains("unknown_ca") || m.contains("certificate_revoked") || m.contains("unsupported_certificate")
                || m.contains("access_denied")) {
            return HandshakeFailure.REFUSED_BY_PEER;
        }
        if (m.contains("connection closed while") || m.contains("removed before handshake completed")
                || m.contains("connection reset") || m.contains("broken pipe") || m.contains("close_notify during handshake")
                || m.contains("closed engine") || m.contains("engine closed") || m.contains("remote host terminated")) {
            return HandshakeFailure.PEER_CLOSED;
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
