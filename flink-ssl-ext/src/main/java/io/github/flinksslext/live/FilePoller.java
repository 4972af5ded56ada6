package io.github.flinksslext.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread per process that looks at every watched file set at its interval. Polling content,
 * not file events: a Kubernetes {@code ..data} swap, an atomic rename and an overwrite in place
 * all show, on every file system, and a look costs reading a few kilobytes.
 */
final class FilePoller {

    private static final Logger LOG = LoggerFactory.getLogger(FilePoller.class);

    private final List<Reloadable<?>> watched = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService thread;

    synchronized void watch(Reloadable<?> reloadable, Duration every) {
        watched.add(reloadable);
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread t = new Thread(runnable, "flink-ssl-ext-reload");
                t.setDaemon(true);
                return t;
            });
        }
        thread.scheduleWithFixedDelay(() -> look(reloadable), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} every {} ms for renewed TLS material", reloadable.files(), every.toMillis());
    }

    int size() {
        return watched.size();
    }

    private static void look(Reloadable<?> reloadable) {
        try {
            reloadable.reloadIfChanged();
        } catch (Throwable e) {
            // nothing may end the watching: a scheduled task that throws is never run again
            LOG.error("Looking for renewed TLS material in {} failed", reloadable.files(), e);
        }
    }
}
