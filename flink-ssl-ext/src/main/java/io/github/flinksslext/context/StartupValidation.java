package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.FileContents;

import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a handshake between a context and its counterpart built from the same settings, in
 * memory, when the context is created: a mismatch is caught at startup, not by the first peer.
 * Internal contexts are validated as they are, trust and pins included, since every internal peer
 * shares the configuration. REST contexts are validated whenever a keystore is set, for keys,
 * protocols and suites only: REST servers and clients usually trust different things (a server
 * pins its clients, clients pin the server). A passed validation is remembered for as long as the
 * settings and the store files stay the same.
 */
final class StartupValidation {

    /** Per settings, the last files that passed: bounded by the configurations, not by rotations. */
    private static final Map<EndpointSettings, Passed> PASSED = new ConcurrentHashMap<>();

    private static final class Passed {
        final List<String> stamps;
        final InMemoryHandshake.Result result;
        /** Internal only: the other side, built and checked for the handshake; handed out once. */
        final AtomicReference<BuiltContext> counterpart;

        Passed(List<String> stamps, InMemoryHandshake.Result result, BuiltContext counterpart) {
            this.stamps = stamps;
            this.result = result;
            this.counterpart = new AtomicReference<>(counterpart);
        }
    }

    private StartupValidation() {}

    /**
     * The negotiated protocol and suite, or null where this process cannot validate alone.
     *
     * @param stamps what {@link #stamps} said of the store files before {@code built} read them
     */
    static InMemoryHandshake.Result validate(BuiltContext built, List<String> stamps) throws SSLException {
        EndpointSettings settings = built.settings;
        boolean internal = settings.endpoint() == TlsEndpoint.INTERNAL;
        if (!internal && !settings.keyStore().isPresent()) {
            return null;
        }
        Passed known = PASSED.get(settings);
        if (known != null && known.stamps.equals(stamps)) {
            return known.result;
        }
        BuiltContext client;
        BuiltContext server;
        if (internal) {
            BuiltContext other = ContextBuilder.build(settings, built.side == TlsSide.SERVER ? TlsSide.CLIENT : TlsSide.SERVER);
            client = built.side == TlsSide.CLIENT ? built : other;
            server = built.side == TlsSide.SERVER ? built : other;
        } else {
            client = ContextBuilder.buildTrustingAnyPeer(settings, TlsSide.CLIENT);
            server = ContextBuilder.buildTrustingAnyPeer(settings, TlsSide.SERVER);
        }
        SSLEngine clientEngine = EndpointSslContext.fixed(client).newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine serverEngine = EndpointSslContext.fixed(server).newEngine(ByteBufAllocator.DEFAULT);
        InMemoryHandshake.Result result;
        try {
            result = InMemoryHandshake.runAndRelease(clientEngine, serverEngine);
        } catch (SSLException e) {
            String keystoreKey = settings.keyStore().map(StoreLocation::pathKey).orElse(settings.options().keystore.key());
            throw new SslConfigurationException(
                    keystoreKey,
                    "the " + settings.endpoint().name().toLowerCase(java.util.Locale.ROOT)
                            + " TLS configuration fails a handshake with itself: " + causes(e),
                    "check that the truststore trusts the keystore's certificate, that the key size and signature"
                            + " algorithm are allowed by jdk.tls.disabledAlgorithms and jdk.certpath.disabledAlgorithms,"
                            + " and that protocols and cipher suites fit the key",
                    e);
        }
        PASSED.put(settings, new Passed(stamps, result, internal ? (built.side == TlsSide.SERVER ? client : server) : null));
        return result;
    }

    /**
     * The internal side the startup handshake built as the counterpart of the other one, from the
     * same settings and the same store content, with every check of {@link ContextBuilder}: an
     * internal server and client are built and validated once per material, not once per context.
     * Null where there is none for this side and content; handed out once.
     *
     * @param stamps what {@link #stamps} says of the store files now
     */
    static BuiltContext takeCounterpart(EndpointSettings settings, TlsSide side, List<String> stamps) {
        Passed known = PASSED.get(settings);
        if (known == null || !known.stamps.equals(stamps)) {
            return null;
        }
        BuiltContext counterpart = known.counterpart.get();
        if (counterpart == null || counterpart.side != side || !known.counterpart.compareAndSet(counterpart, null)) {
            return null;
        }
        return counterpart;
    }

    /** The content of the settings' store files now: taken before building, so a change while building is not missed. */
    static List<String> stamps(EndpointSettings settings) {
        List<String> stamps = new ArrayList<>();
        settings.keyStore().ifPresent(store -> stamps.add(FileContents.fingerprint(List.of(store.path()))));
        settings.trustStore().ifPresent(store -> stamps.add(FileContents.fingerprint(List.of(store.path()))));
        return stamps;
    }

    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(t.getMessage());
            }
        }
        return text.toString();
    }
}
