package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;

import javax.net.ssl.SSLEngine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.function.Supplier;

/** What the end of a handshake says about a peer without the jar, for the handlers beside Flink's. */
final class HandshakeOutcomes {

    private final String where;
    private final Supplier<EndpointSettings> settings;
    /** Read from the settings at the first failed handshake: a connection that succeeds needs no settings. */
    private volatile Boolean strict;

    /**
     * @param where "REST server", "REST client", ... for the log line
     * @param settings parsed only if a handshake fails: Flink asks for these handlers per connection
     */
    HandshakeOutcomes(String where, Supplier<EndpointSettings> settings) {
        this.where = where;
        this.settings = settings;
    }

    /** Strict mode, as opposed to suites of one's own choosing: only then is a refusal worth explaining. */
    private boolean strict() {
        Boolean known = strict;
        if (known == null) {
            EndpointSettings parsed = settings.get();
            known = !parsed.flinksSuiteOffered() && !parsed.cipherSuitesConfigured();
            strict = known;
        }
        return known;
    }

    void ended(SSLEngine engine, InetSocketAddress peer, SocketAddress local, Throwable failure) {
        if (failure == null) {
            LegacyPeerLog.completed(where, peer, local, engine.getSession());
        } else if (noSharedCipher(failure) && strict()) {
            LegacyPeerLog.refusedInStrictMode(where, peer, local, failure);
        }
    }

    /** The JDK's and BoringSSL's words for a handshake that found no suite both sides offer. */
    private static boolean noSharedCipher(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no cipher suites in common") || message.contains("no_shared_cipher")) {
                return true;
            }
        }
        return false;
    }
}
