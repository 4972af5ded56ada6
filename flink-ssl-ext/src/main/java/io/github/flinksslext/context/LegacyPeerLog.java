package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.live.OncePerWindow;
import io.github.flinksslext.trust.PeerText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSession;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handshakes with Flink that does not have the jar: one that lands on Flink's own legacy suite is
 * said at WARN, and one that strict mode refused is said too, each at most once per peer address
 * every ten minutes.
 */
final class LegacyPeerLog {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyPeerLog.class);
    private static final OncePerWindow PER_PEER = new OncePerWindow(TimeUnit.MINUTES.toMillis(10), 4096);
    private static final AtomicLong LEGACY_HANDSHAKES = new AtomicLong();

    private LegacyPeerLog() {}

    /** How many handshakes in this process used Flink's legacy suite. */
    static long legacyHandshakes() {
        return LEGACY_HANDSHAKES.get();
    }

    /** @param local this side's address: each listening endpoint keeps its own count per peer */
    static void completed(String where, InetSocketAddress peer, SocketAddress local, SSLSession session) {
        if (!EndpointSettingsParser.FLINK_LEGACY_CIPHER_SUITE.equals(session.getCipherSuite())) {
            return;
        }
        LEGACY_HANDSHAKES.incrementAndGet();
        long suppressed = PER_PEER.tryAcquire("legacy " + where + " " + local + " " + host(peer), System.currentTimeMillis());
        if (suppressed < 0) {
            return;
        }
        LOG.warn("The {} handshake with {} used Flink's legacy suite {} over {} (no forward secrecy, CBC): the peer runs"
                        + " Flink without flink-ssl-ext. Fix: add the jar to that Flink installation or client, or set"
                        + " '{}' and '{}' on both sides; '{}: false' refuses such peers.{}",
                where, PeerText.escape(String.valueOf(peer)), session.getCipherSuite(), session.getProtocol(),
                SslOptions.PROTOCOL.key(), SslOptions.ALGORITHMS.key(), SslOptions.LEGACY_SUITE_ENABLED.key(),
                suppressed > 0 ? " (" + suppressed + " more from this peer in the last 10 minutes)" : "");
    }

    /** A failed handshake where strict mode is on and no suite was shared: likely Flink without the jar. */
    static void refusedInStrictMode(String where, InetSocketAddress peer, SocketAddress local, Throwable cause) {
        long suppressed = PER_PEER.tryAcquire("strict " + where + " " + local + " " + host(peer), System.currentTimeMillis());
        if (suppressed < 0) {
            return;
        }
        LOG.warn("Refused the {} handshake with {}: no cipher suite in common ({}). A peer running Flink without"
                        + " flink-ssl-ext offers only Flink's legacy suite, which '{}: false' (strict mode) refuses. Add"
                        + " the jar to that peer, or set '{}: true' to let it in.{}",
                where, PeerText.escape(String.valueOf(peer)), PeerText.escape(String.valueOf(cause.getMessage())),
                SslOptions.LEGACY_SUITE_ENABLED.key(), SslOptions.LEGACY_SUITE_ENABLED.key(),
                suppressed > 0 ? " (" + suppressed + " more from this peer in the last 10 minutes)" : "");
    }

    private static String host(InetSocketAddress peer) {
        return peer == null ? "?" : peer.getHostString();
    }
}
