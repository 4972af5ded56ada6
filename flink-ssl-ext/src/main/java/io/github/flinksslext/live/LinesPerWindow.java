package io.github.flinksslext.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets at most {@code maxLines} per key through in each window, and counts what it holds back for
 * the next line that gets through. A few lines rather than one per window, so that a handful of
 * refusals (an operator trying a client twice) are all seen, while a port scan gets a few lines a
 * minute. Bounded: past {@code maxKeys} the key unused longest is forgotten.
 */
public final class LinesPerWindow {

    /** Per key: when its window started, lines let through in it, held back since the last line. */
    private static final class State {
        long windowStart;
        int lines;
        long heldBack;
    }

    private final long windowMillis;
    private final int maxLines;
    private final Map<String, State> states;

    public LinesPerWindow(long windowMillis, int maxLines, int maxKeys) {
        this.windowMillis = windowMillis;
        this.maxLines = maxLines;
        this.states = new LinkedHashMap<String, State>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** -1 if held back; else how many were held back since the last line let through. */
    public synchronized long tryAcquire(String key, long nowMillis) {
        State state = states.get(key);
        if (state == null) {
            state = new State();
            state.windowStart = nowMillis;
            states.put(key, state);
        } else if (nowMillis - state.windowStart >= windowMillis) {
            state.windowStart = nowMillis;
            state.lines = 0;
        }
        if (state.lines >= maxLines) {
            state.heldBack++;
            return -1;
        }
        state.lines++;
        long heldBack = state.heldBack;
        state.heldBack = 0;
        return heldBack;
    }
}
