package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.config.StoreTypes;
import io.github.flinksslext.stores.pem.PemProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Opens keystores and truststores; every failure names the option that is wrong. What a process
 * opened is kept by {@code ProcessTls} while the file stays the same, not here.
 */
public final class StoreLoader {

    private StoreLoader() {}

    /** One stream over the files, in order: a PEM directory's key, then its certificates. */
    private static InputStream open(List<Path> files) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        for (Path file : files) {
            streams.add(Files.newInputStream(file));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

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
        boolean pem = StoreTypes.isPem(location.type());
        List<Path> files = pem && Files.isDirectory(path) ? PemDirectory.files(path, what) : List.of(path);
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new SslConfigurationException(
                        location.pathKey(),
                        "the " + what + " '" + file + "' is not a readable file",
                        "point it at a " + what + " file this process's user can read");
            }
        }
        if (pem) {
            PemProvider.install();
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
        try (InputStream in = open(files)) {
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
                    pem ? PemDirectory.layout(what)
                            : "check the file, and set '" + location.typeKey() + "' to its format (" + StoreTypes.described() + ")",
                    e);
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "'" + path + "' holds a certificate or key this JVM cannot read (" + e.getMessage() + ")",
                    "re-create the " + what + " with standard algorithms",
                    e);
        }
        return store;
    }
}
