package io.github.flinksslext.live;

import io.github.flinksslext.stores.FileContents;

import java.nio.file.Path;
import java.util.List;

/**
 * Material built from files, built again when their content changes. What is built replaces what
 * is in use only if the loader accepts it, and the loader runs every check the process runs at
 * startup; otherwise the old material stays and the same content is not tried again. Holds the
 * material in use and nothing older, so thousands of rotations cost no memory.
 */
public final class Reloadable<T> {

    /** Builds and checks the material from the files as they are now; throws if they are not usable. */
    public interface Loader<T> {
        T load() throws Exception;
    }

    /** Hears of the first load and of each change, on the thread that found it. */
    public interface Listener<T> {
        /** @param old null at the first load */
        void replaced(T old, T now, long rotations, long refusals);

        void refused(T kept, Throwable why, long rotations, long refusals);
    }

    /** How long refused content waits before it is tried again. */
    static final long RETRY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final List<Path> files;
    private final Loader<T> loader;
    private final Listener<T> listener;
    private volatile T current;
    /** The content in use: a change is a different stamp. Guarded by this. */
    private String seen;
    /** The content last refused, said once, and tried again after a while. Guarded by this. */
    private String refused;
    private long retryAtNanos;
    private long rotations;
    private long refusals;

    private Reloadable(List<Path> files, Loader<T> loader, Listener<T> listener, T first, String stamp) {
        this.files = List.copyOf(files);
        this.loader = loader;
        this.listener = listener;
        this.current = first;
        this.seen = stamp;
    }

    /** Loads the material for the first time; a failure is the caller's (a startup error). */
    public static <T> Reloadable<T> load(List<Path> files, Loader<T> loader, Listener<T> listener) throws Exception {
        // stamped before loading: a change while loading shows as a change at the next look
        String stamp = FileContents.fingerprint(files);
        T first = loader.load();
        listener.replaced(null, first, 0, 0);
        return new Reloadable<>(files, loader, listener, first, stamp);
    }

    public T current() {
        return current;
    }

    public List<Path> files() {
        return files;
    }

    /**
     * Compares the files with what is in use and, if they changed, builds and checks again. Content
     * that was refused is said once and tried again every {@link #RETRY_NANOS}: a failure can pass
     * with time (a certificate not yet valid, a file being written).
     */
    public synchronized void reloadIfChanged() {
        String stamp = FileContents.fingerprint(files);
        if (stamp.equals(seen) || (stamp.equals(refused) && System.nanoTime() - retryAtNanos < 0)) {
            return;
        }
        T old = current;
        T next;
        try {
            next = loader.load();
        } catch (Exception | LinkageError e) {
            if (!stamp.equals(refused)) {
                refusals++;
                listener.refused(old, e, rotations, refusals);
            }
            refused = stamp;
            retryAtNanos = System.nanoTime() + RETRY_NANOS;
            return;
        }
        seen = stamp;
        refused = null;
        current = next;
        rotations++;
        listener.replaced(old, next, rotations, refusals);
    }

    public synchronized long rotations() {
        return rotations;
    }

    public synchronized long refusals() {
        return refusals;
    }
}
