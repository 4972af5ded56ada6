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

    private static final Map<Object, InMemoryHandshake.Result> PASSED = new ConcurrentHashMap<>();

    private StartupValidation() {}

    /** The negotiated protocol and suite, or null where this process cannot validate alone. */
    static InMemoryHandshake.Result validate(BuiltContext built) throws SSLException {
        EndpointSettings settings = built.settings;
        boolean internal = settings.endpoint() == TlsEndpoint.INTERNAL;
        if (!internal && !settings.keyStore().isPresent()) {
            return null;
        }
        List<Object> key = cacheKey(settings);
        InMemoryHandshake.Result known = PASSED.get(key);
        if (known != null) {
            return known;
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
        SSLEngine clientEngine = client.context.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine serverEngine = server.context.newEngine(ByteBufAllocator.DEFAULT);
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
        PASSED.put(key, result);
        return result;
    }

    private static List<Object> cacheKey(EndpointSettings settings) {
        List<Object> key = new ArrayList<>();
        key.add(settings);
        settings.keyStore().ifPresent(store -> key.add(FileContents.fingerprint(java.util.List.of(store.path()))));
        settings.trustStore().ifPresent(store -> key.add(FileContents.fingerprint(java.util.List.of(store.path()))));
        return key;
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
