package io.github.flinksslext.trust;

import javax.net.ssl.SSLEngine;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The host each client engine's connection was made to, as the client named it. Flink creates a
 * REST client's engine before it connects, often without a host, and builds the SslHandler itself;
 * the engine is the only thing the pipeline (which sees the connection) and the trust manager
 * (which sees the handshake) share. Weakly keyed: an entry lives no longer than its engine.
 */
public final class ConnectedHosts {

    private static final Map<SSLEngine, String> HOSTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ConnectedHosts() {}

    public static void record(SSLEngine engine, String host) {
        HOSTS.put(engine, host);
    }

    public static void forget(SSLEngine engine) {
        HOSTS.remove(engine);
    }

    /** The host the engine's connection was made to, or null when no pipeline said. */
    static String of(SSLEngine engine) {
        return HOSTS.get(engine);
    }
}
