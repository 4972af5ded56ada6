package io.github.flinksslext.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says yes to a key at most once per window, so that a peer that keeps reconnecting (or a port
 * scan) cannot flood the log. Bounded: past {@code maxKeys} the oldest key is forgotten. Counts
 * what it said no to, for the next line that gets through.
 */
public final class OncePerWindow {

    private final long windowMillis;
    private final Map<String, long[]> lastAndSuppressed;

    public OncePerWindow(long windowMillis, int maxKeys) {
        this.windowMillis = windowMillis;
        this.lastAndSuppressed = new LinkedHashMap<String, long[]>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** -1 if the key was let through within the window; else how many were held back since the last time. */
    public synchronized long tryAcquire(String key, long nowMillis) {
        long[] state = lastAndSuppressed.get(key);
        if (state != null && nowMillis - state[0] < windowMillis) {
            state[1]++;
            return -1;
        }
        long suppressed = state == null ? 0 : state[1];
        lastAndSuppressed.put(key, new long[] {nowMillis, 0});
        return suppressed;
    }
}
