package io.github.flinksslext.live;

import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one owner of a process's live TLS state: the material each endpoint side uses now, and
 * (beside it) what the process counts about its handshakes. Everything that changes while the
 * process runs is reached from here, nothing else keeps it.
 */
public final class ProcessTls {

    private static final ProcessTls PROCESS = new ProcessTls();

    /** The last material put in use per endpoint and side, startup and rotations alike. */
    private final Map<EndpointSide, MaterialInUse> inUse = new ConcurrentHashMap<>();
    private final Handshakes handshakes = new Handshakes();
    private final ExpiryWatch expiryWatch = new ExpiryWatch();

    private ProcessTls() {}

    public static ProcessTls get() {
        return PROCESS;
    }

    /** Called when an endpoint side starts using material: at its first context, and at each rotation. */
    public void materialInUse(TlsEndpoint endpoint, TlsSide side, MaterialInUse material) {
        inUse.put(new EndpointSide(endpoint, side), material);
    }

    /** What the process counts about its handshakes, per endpoint side. */
    public Handshakes handshakes() {
        return handshakes;
    }

    /** The startup and daily check of the expiry of every certificate in use. */
    public ExpiryWatch expiryWatch() {
        return expiryWatch;
    }

    /** A snapshot of what is in use now, per endpoint side. */
    public Map<EndpointSide, MaterialInUse> materialsInUse() {
        return Map.copyOf(inUse);
    }
}
