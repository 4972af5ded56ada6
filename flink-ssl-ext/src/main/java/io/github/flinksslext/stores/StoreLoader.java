package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.config.StoreTypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens keystores and truststores; every failure names the option that is wrong. A store that
 * opened is kept until its file changes: PKCS12 files are slow to open by design (password-based
 * key derivation), and Flink opens the same ones for every context, its REST client per request.
 */
public final class StoreLoader {

    /** The last store opened from each location, with the stamp of the file it came from. */
    private static final Map<StoreLocation, Opened> OPENED = new ConcurrentHashMap<>();

    private static final class Opened {
        final String stamp;
        final KeyStore store;

        Opened(String stamp, KeyStore store) {
            this.stamp = stamp;
            this.store = store;
        }
    }

    private StoreLoader() {}

    /**
     * @param what "keystore" or "truststore", for messages
     */
    public static KeyStore load(StoreLocation location, String what) {
        Path path = location.path();
        if (!Files.exists(path)) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "the " + what + " file '" + path + "' does not exist",
                    "point it at a readable " + what + " file (" + StoreTypes.described() + ")");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "the " + what + " '" + path + "' is not a readable file",
                    "point it at a " + what + " file this process's user can read");
        }
        String stamp = FileStamp.of(path);
        Opened opened = OPENED.get(location);
        if (opened != null && opened.stamp.equals(stamp)) {
            return opened.store;
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(location.type());
        } catch (KeyStoreException e) {
            throw new SslConfigurationException(
                    location.typeKey(),
                    "unknown " + what + " type '" + location.type() + "'",
                    "set " + StoreTypes.described(),
                    e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, location.password().chars());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SslConfigurationException(
                        location.passwordKey(),
                        "the password does not open the " + what + " '" + path + "'",
                        "set the " + what + "'s password");
            }
            throw new SslConfigurationException(
                    location.pathKey(),
                    "'" + path + "' cannot be read as a " + location.type() + " " + what + " (" + e.getMessage() + ")",
                    "check the file, and set '" + location.typeKey() + "' to its format (" + StoreTypes.described() + ")",
                    e);
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "'" + path + "' holds a certificate or key this JVM cannot read (" + e.getMessage() + ")",
                    "re-create the " + what + " with standard algorithms",
                    e);
        }
        OPENED.put(location, new Opened(stamp, store));
        return store;
    }
}
