package io.github.flinksslext.live;

import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The process's handshake counts per endpoint side, and the limit on how often a refused peer is
 * logged: {@value #REFUSAL_LINES_PER_WINDOW} lines a minute per endpoint side and cause, so a port
 * scan cannot flood the log.
 */
public final class Handshakes {

    /** How often a refusal of one cause on one endpoint side reaches the log. */
    public static final long REFUSAL_LOG_WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(1);
    public static final int REFUSAL_LINES_PER_WINDOW = 5;

    private final Map<EndpointSide, HandshakeCounts> counts = new ConcurrentHashMap<>();
    // keys are endpoint side and cause: at most 4 x 10, so the bound is never reached
    private final LinesPerWindow refusalLog = new LinesPerWindow(REFUSAL_LOG_WINDOW_MILLIS, REFUSAL_LINES_PER_WINDOW, 256);

    Handshakes() {}

    public HandshakeCounts of(TlsEndpoint endpoint, TlsSide side) {
        return counts.computeIfAbsent(new EndpointSide(endpoint, side), k -> new HandshakeCounts());
    }

    /** Counted so far on each endpoint side that has counted anything. */
    public Map<EndpointSide, HandshakeCounts> all() {
        return Map.copyOf(counts);
    }

    /**
     * Whether a refusal may be logged now: -1 if not (it is counted as held back), else how many of
     * the same endpoint side and cause were held back since the last one logged.
     */
    public long mayLogRefusal(EndpointSide where, HandshakeFailure cause, long nowMillis) {
        return refusalLog.tryAcquire(where + " " + cause.name(), nowMillis);
    }
}
