package io.github.flinksslext.trust;

import io.github.flinksslext.engine.KeyExchangeGroups;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import java.lang.ref.WeakReference;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The latest peers whose chain and pin were verified in this JVM, with the protocol, cipher suite
 * and key-exchange group their handshake negotiated: what a live connection actually uses, for a
 * report or a check.
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
        /** Read during the pin check, when TLS 1.3 has settled it; else later, while the engine lives. */
        private final String groupAtCheck;
        private final WeakReference<SSLEngine> engine;

        PinVerification(String optionKey, String peerRole, String peerSubject, SSLSession session, SSLEngine engine) {
            this.at = Instant.now();
            this.optionKey = optionKey;
            this.peerRole = peerRole;
            this.peerSubject = peerSubject;
            this.session = session;
            this.groupAtCheck = engine == null ? null : KeyExchangeGroups.negotiated(engine).orElse(null);
            this.engine = new WeakReference<>(engine);
        }

        /**
         * The key-exchange group (BoringSSL's name, e.g. X25519MLKEM768), read from the live engine;
         * "unknown" for a JDK engine, which does not say, or a TLS 1.2 connection gone before it was asked.
         */
        public String keyExchangeGroup() {
            if (groupAtCheck != null) {
                return groupAtCheck;
            }
            SSLEngine live = engine.get();
            return live == null ? "unknown" : KeyExchangeGroups.negotiated(live).orElse("unknown");
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
            return peerRole + " '" + peerSubject + "' pinned by '" + optionKey + "' over " + protocol() + " " + cipherSuite()
                    + " " + keyExchangeGroup();
        }
    }

    private PinVerifications() {}

    /** Newest last. */
    public static List<PinVerification> recent() {
        synchronized (RECENT) {
            return new ArrayList<>(RECENT);
        }
    }

    /** @param engine the engine of the handshake, or null for a socket (the JDK's, which names no group) */
    static void record(String optionKey, String peerRole, String peerSubject, SSLSession handshake, SSLEngine engine) {
        PinVerification verification = new PinVerification(optionKey, peerRole, peerSubject, handshake, engine);
        synchronized (RECENT) {
            if (RECENT.size() == KEPT) {
                RECENT.removeFirst();
            }
            RECENT.addLast(verification);
        }
    }
}
