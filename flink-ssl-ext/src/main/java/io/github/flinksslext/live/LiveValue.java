package io.github.flinksslext.live;

import io.github.flinksslext.stores.FileContents;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One piece of material that follows its files: the current value, built and checked by
 * {@code build} from the files' content, replaced only by a value that passed the same checks.
 * Readers take {@link #current()} for each new connection; established ones keep what they had.
 */
public final class LiveValue<T> {

    /** Hears of each outcome of a reload. */
    public interface Listener<T> {
        void replaced(T previous, T next);

        void refused(T kept, Exception problem);
    }

    private final List<Path> files;
    private final Callable<T> build;
    private final Listener<T> listener;
    private final AtomicReference<T> current;
    private volatile String contents;
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    LiveValue(List<Path> files, Callable<T> build, Listener<T> listener, T initial, String contents) {
        this.files = files;
        this.build = build;
        this.listener = listener;
        this.current = new AtomicReference<>(initial);
        this.contents = contents;
    }

    public T current() {
        return current.get();
    }

    public long rotations() {
        return rotations.get();
    }

    public long refusals() {
        return refusals.get();
    }

    List<Path> files() {
        return files;
    }

    /**
     * Rebuilds if the files' content changed since the last look; a version that fails its checks
     * is remembered as seen, so it is retried only when the files change again.
     */
    void reloadIfChanged() {
        String now = FileContents.fingerprint(files);
        if (now.equals(contents)) {
            return;
        }
        contents = now;
        T previous = current.get();
        T next;
        try {
            next = build.call();
        } catch (Exception e) {
            refusals.incrementAndGet();
            listener.refused(previous, e);
            return;
        }
        current.set(next);
        rotations.incrementAndGet();
        listener.replaced(previous, next);
    }
}
