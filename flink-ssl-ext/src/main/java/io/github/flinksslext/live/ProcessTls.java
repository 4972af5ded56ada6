package io.github.flinksslext.live;

import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.FileContents;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one owner of a process's live TLS state: the material each endpoint side uses now, the
 * watcher that renews it, and (beside them) what the process counts about its handshakes.
 * Everything that changes while the process runs is reached from here; nothing else keeps it.
 */
public final class ProcessTls {

    private static final ProcessTls PROCESS = new ProcessTls();

    /** Per key (settings and side): the material built for it, the same one for every later request. */
    private final Map<Object, Reloadable<?>> reloadables = new ConcurrentHashMap<>();
    private final FilePoller poller = new FilePoller();
    /** The last material put in use per endpoint and side, startup and rotations alike. */
    private final Map<EndpointSide, MaterialInUse> inUse = new ConcurrentHashMap<>();
    /** The internal certificate RPC loaded when the process started; it keeps it until a restart. */
    private final AtomicReference<X509Certificate> rpcCertificate = new AtomicReference<>();
    /** The renewed internal certificate the RPC warning was last said of. */
    private final AtomicReference<X509Certificate> lastSaidOf = new AtomicReference<>();
    /** Per store (file, passwords, provider): what was read from it last, with the content it was read from. */
    private final Map<Object, Stamped> stores = new ConcurrentHashMap<>();
    private final Handshakes handshakes = new Handshakes();
    private final ExpiryWatch expiryWatch = new ExpiryWatch();

    private ProcessTls() {}

    public static ProcessTls get() {
        return PROCESS;
    }

    /**
     * The material for a key, loaded and watched on first use, and checked against its files on
     * every later use, so a new context never starts from files older than the ones on disk.
     *
     * @param interval how often to look at the files; null to read them once and never again
     */
    @SuppressWarnings("unchecked")
    public <T> Reloadable<T> reloadable(
            Object key, List<Path> files, Reloadable.Loader<T> loader, Reloadable.Listener<T> listener, Duration interval)
            throws Exception {
        Reloadable<T> known = (Reloadable<T>) reloadables.get(key);
        if (known == null) {
            // one build at a time: Flink asks for the same context from several threads at startup
            synchronized (reloadables) {
                known = (Reloadable<T>) reloadables.get(key);
                if (known == null) {
                    known = Reloadable.load(files, loader, listener);
                    reloadables.put(key, known);
                    if (interval != null && !files.isEmpty()) {
                        poller.watch(known, interval);
                    }
                    return known;
                }
            }
        }
        if (interval != null) {
            known.reloadIfChanged();
        }
        return known;
    }

    /**
     * A keystore's keys, decrypted and checked (key matches certificate) once per content,
     * passwords and provider in this process, and shared by everything that opens the same file
     * the same way: the early hook's check of what RPC will present, the internal server and
     * client, the REST endpoint falling back to the same keystore, the startup handshake's
     * counterparts, a rotation's validation. Messages name the options of {@code location}.
     */
    public KeyMaterial keyMaterial(StoreLocation location, SslProvider provider) {
        List<Object> key = Arrays.asList(KeyMaterial.class, location.path().toString(), location.type(),
                location.password(), location.keyPassword().orElse(null), provider);
        KeyMaterial keys = stored(key, location, () -> KeyMaterial.load(location, provider));
        return keys.at(location);
    }

    /** A truststore's certificates, read once per content and password in this process, as {@link #keyMaterial}. */
    public TrustMaterial trustMaterial(StoreLocation location) {
        List<Object> key = Arrays.asList(TrustMaterial.class, location.path().toString(), location.type(),
                location.password());
        TrustMaterial trust = stored(key, location, () -> TrustMaterial.load(location));
        return trust.at(location);
    }

    /**
     * What a store holds, read again when its content differs from what was read, and kept only
     * where the content did not change while it was read, so nothing is ever remembered for other
     * content. One entry per store, replaced, never added to, by rotations.
     *
     * @param key what identifies the store and how it is opened (never logged: it holds passwords)
     */
    @SuppressWarnings("unchecked")
    private <T> T stored(List<Object> key, StoreLocation location, Supplier<T> loader) {
        List<Path> files = List.of(location.path());
        String before = FileContents.fingerprint(files);
        Stamped known = stores.get(key);
        if (known != null && known.stamp.equals(before)) {
            return (T) known.value;
        }
        T loaded = loader.get();
        if (FileContents.fingerprint(files).equals(before)) {
            stores.put(key, new Stamped(before, loaded));
        }
        return loaded;
    }

    private static final class Stamped {
        final String stamp;
        final Object value;

        Stamped(String stamp, Object value) {
            this.stamp = stamp;
            this.value = value;
        }
    }

    /** How many file sets are watched: one per distinct configuration and side, never per rotation. */
    public int watchedCount() {
        return poller.size();
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

    /** Remembers the internal certificate RPC starts with (the early hook reads the same file first). */
    public void rpcStartsWith(X509Certificate certificate) {
        rpcCertificate.compareAndSet(null, certificate);
    }

    /** True the first time it is asked about a certificate: one line per renewal, not per endpoint side. */
    public boolean firstToSayOf(X509Certificate renewed) {
        return !renewed.equals(lastSaidOf.getAndSet(renewed));
    }

    /** The internal certificate RPC loaded at startup, or null outside a JobManager or TaskManager. */
    public X509Certificate rpcCertificate() {
        return rpcCertificate.get();
    }
}
