package io.github.flinksslext.live;

import io.github.flinksslext.stores.FileContents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one owner of the material that rotates in this process: every {@link LiveValue} by its key,
 * and one daemon thread that looks at their files at a fixed interval. Polling, not file events:
 * a Kubernetes {@code ..data} swap arrives as create and delete events on a link, which watchers
 * that react to modifications miss, and a few small files read every few seconds cost nothing
 * measurable. At most {@value #MAX_VALUES} values are kept; the oldest key goes first.
 */
public final class LiveMaterial {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMaterial.class);
    static final int MAX_VALUES = 64;

    private static final Map<Object, LiveValue<?>> VALUES = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, LiveValue<?>> eldest) {
            return size() > MAX_VALUES;
        }
    };
    private static ScheduledExecutorService poller;
    private static long pollMillis;

    private LiveMaterial() {}

    /**
     * The live value for {@code key}, built now (its checks throw) if there is none yet.
     *
     * @param intervalMillis how often the files are looked at; the shortest asked for wins
     */
    @SuppressWarnings("unchecked")
    public static synchronized <T> LiveValue<T> of(
            Object key, List<Path> files, long intervalMillis, Callable<T> build, LiveValue.Listener<T> listener)
            throws Exception {
        LiveValue<?> known = VALUES.get(key);
        if (known != null) {
            return (LiveValue<T>) known;
        }
        String contents = FileContents.fingerprint(files);
        LiveValue<T> value = new LiveValue<>(new ArrayList<>(files), build, listener, build.call(), contents);
        VALUES.put(key, value);
        schedule(intervalMillis);
        return value;
    }

    /** Looks at every value's files now (what the poller does at each interval). */
    public static void reloadNow() {
        List<LiveValue<?>> values;
        synchronized (LiveMaterial.class) {
            values = new ArrayList<>(VALUES.values());
        }
        for (LiveValue<?> value : values) {
            try {
                value.reloadIfChanged();
            } catch (RuntimeException e) {
                LOG.error("Reloading TLS material from {} failed unexpectedly; the material in use is kept.", value.files(), e);
            }
        }
    }

    private static void schedule(long intervalMillis) {
        if (poller != null && pollMillis <= intervalMillis) {
            return;
        }
        if (poller != null) {
            poller.shutdownNow();
        }
        pollMillis = intervalMillis;
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flink-ssl-ext-reload");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(LiveMaterial::reloadNow, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
}
