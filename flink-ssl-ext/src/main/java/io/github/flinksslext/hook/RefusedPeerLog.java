package io.github.flinksslext.hook;

import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.HandshakeFailure;
import io.github.flinksslext.live.Handshakes;
import io.github.flinksslext.trust.PeerText;
import io.github.flinksslext.trust.RefusedChainException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;

/**
 * A peer this process refused, at WARN: where, who, why and the peer's chain. At most one line per
 * endpoint side and cause each minute (the limit is {@link Handshakes}'), so a port scan cannot
 * flood the log; the next line says how many were held back. The counters count every one.
 */
final class RefusedPeerLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedPeerLog.class);

    private RefusedPeerLog() {}

    static void refused(Handshakes handshakes, EndpointSide where, SocketAddress peer, HandshakeFailure cause, Throwable failure) {
        if (!LOG.isWarnEnabled()) {
            return;
        }
        long heldBack = handshakes.mayLogRefusal(where, cause, System.currentTimeMillis());
        if (heldBack < 0) {
            return;
        }
        RefusedChainException refusal = FailureCauses.refusal(failure);
        String reason = refusal != null ? firstLine(refusal.getMessage()) : innermostMessage(failure);
        LOG.warn("Refused the {} TLS handshake with {}: {} ({}).{}{}",
                where, PeerText.escape(String.valueOf(peer)), cause.words(), PeerText.escape(reason),
                refusal == null ? "" : refusal.chainReport(),
                heldBack == 0 ? "" : "\n  (" + heldBack + " more refused for " + cause.words() + " on the " + where
                        + " since the last such line, not logged)");
    }

    /** Our own reports are several lines, the chain among them: the first says what failed. */
    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String innermostMessage(Throwable failure) {
        Throwable last = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                last = t;
            }
        }
        return last.getClass().getSimpleName() + ": " + last.getMessage();
    }
}
