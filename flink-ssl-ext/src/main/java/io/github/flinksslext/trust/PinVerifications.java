package io.github.flinksslext.trust;

import javax.net.ssl.SSLSession;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The latest peers whose chain and pin were verified in this JVM, with the protocol and cipher
 * suite their handshake negotiated: what a live connection actually uses, for a report or a check.
 */
public final class PinVerifications {

    private static final int KEPT = 64;
    private static final Deque<PinVerification> RECENT = new ArrayDeque<>();

    /** One verified peer. */
    public static final class PinVerification {
        public final Instant at;
        public final String optionKey;
        public final String peerRole;
        public final String peerSubject;
        private final SSLSession session;

        PinVerification(String optionKey, String peerRole, String peerSubject, SSLSession session) {
            this.at = Instant.now();
            this.optionKey = optionKey;
            this.peerRole = peerRole;
            this.peerSubject = peerSubject;
            this.session = session;
        }

        /**
         * Read from the session when asked: OpenSSL names the cipher suite only once the
         * handshake the pin check was part of has finished.
         */
        public String protocol() {
            return session.getProtocol();
        }

        public String cipherSuite() {
            return session.getCipherSuite();
        }

        @Override
        public String toString() {
            return peerRole + " '" + peerSubject + "' pinned by '" + optionKey + "' over " + protocol() + " " + cipherSuite();
        }
    }

    private PinVerifications() {}

    /** Newest last. */
    public static List<PinVerification> recent() {
        synchronized (RECENT) {
            return new ArrayList<>(RECENT);
        }
    }

    static void record(String optionKey, String peerRole, String peerSubject, SSLSession handshake) {
        PinVerification verification = new PinVerification(optionKey, peerRole, peerSubject, handshake);
        synchronized (RECENT) {
            if (RECENT.size() == KEPT) {
                RECENT.removeFirst();
            }
            RECENT.addLast(verification);
        }
    }
}
