package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.config.StoreTypes;
import io.github.flinksslext.stores.pem.KeyOwnership;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.OpenSslX509KeyManagerFactory;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** This process's own keys and certificates, and the key manager factory built from them. */
public final class KeyMaterial {

    private final StoreLocation location;
    private final List<KeyEntry> entries;
    private final KeyManagerFactory keyManagerFactory;

    private KeyMaterial(StoreLocation location, List<KeyEntry> entries, KeyManagerFactory keyManagerFactory) {
        this.location = location;
        this.entries = entries;
        this.keyManagerFactory = keyManagerFactory;
    }

    /**
     * Opens the keystore, builds the key manager factory and checks every key entry. Each private
     * key is decrypted once (PKCS12 derives the key from the password, by design slowly): the key
     * manager's copy is the one checked against its certificate.
     */
    public static KeyMaterial load(StoreLocation location, SslProvider provider) {
        KeyStore store = StoreLoader.load(location, "keystore");
        char[] keyPassword = location.keyPassword().orElse(location.password()).chars();
        KeyManagerFactory factory;
        try {
            factory = keyManagerFactory(store, location, keyPassword, provider);
        } catch (SslConfigurationException e) {
            // the entry-by-entry checks name the alias, the option and the problem more precisely
            keyEntries(store, location, keyPassword, null);
            throw e;
        }
        List<KeyEntry> entries = keyEntries(store, location, keyPassword, keyManagerOf(factory));
        return new KeyMaterial(location, entries, factory);
    }

    /**
     * The same keys and key manager factory, named by another location that opens the same file
     * with the same passwords (the REST options falling back to the internal ones, say): messages
     * name the options that were asked for.
     */
    public KeyMaterial at(StoreLocation other) {
        return other.equals(location) ? this : new KeyMaterial(other, entries, keyManagerFactory);
    }

    public StoreLocation location() {
        return location;
    }

    /** At least one entry. */
    public List<KeyEntry> entries() {
        return entries;
    }

    public KeyManagerFactory keyManagerFactory() {
        return keyManagerFactory;
    }

    /** The factory's key manager, which holds the keys it decrypted; null where it is not an X509KeyManager. */
    private static X509KeyManager keyManagerOf(KeyManagerFactory factory) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager) {
                return (X509KeyManager) manager;
            }
        }
        return null;
    }

    /**
     * @param decrypted a key manager built from the store, whose keys are taken instead of
     *     decrypting again; null, or a manager that does not know an alias, decrypts from the store
     */
    private static List<KeyEntry> keyEntries(
            KeyStore store, StoreLocation location, char[] keyPassword, X509KeyManager decrypted) {
        List<KeyEntry> entries = new ArrayList<>();
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = decrypted == null ? null : decrypted.getPrivateKey(alias);
                if (key == null) {
                    key = recoverKey(store, alias, location, keyPassword);
                }
                if (!(key instanceof PrivateKey)) {
                    continue;
                }
                X509Certificate[] chain = x509Chain(store.getCertificateChain(alias));
                if (chain.length == 0) {
                    throw new SslConfigurationException(
                            location.pathKey(),
                            "the private key '" + alias + "' in '" + location.path() + "' has no X.509 certificate chain",
                            "import the key together with its certificate chain");
                }
                requireKeyMatchesCertificate((PrivateKey) key, chain[0], alias, location);
                entries.add(new KeyEntry(alias, chain, key.getAlgorithm()));
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("keystore was loaded but cannot be listed", e);
        }
        if (entries.isEmpty()) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "'" + location.path() + "' holds no private key entry, only certificates",
                    "point it at a keystore with this process's private key and certificate"
                            + " (a store of trusted certificates belongs in the truststore option)");
        }
        return Collections.unmodifiableList(entries);
    }

    private static Key recoverKey(KeyStore store, String alias, StoreLocation location, char[] keyPassword) {
        try {
            return store.getKey(alias, keyPassword);
        } catch (UnrecoverableKeyException e) {
            if (StoreTypes.isPem(location.type())) {
                // the PEM store's own words: whether a password is missing or wrong, never key material
                throw new SslConfigurationException(
                        location.keyPasswordKey(),
                        "the private key in '" + location.path() + "' cannot be opened: " + e.getMessage(),
                        "set the password the key was encrypted with");
            }
            throw new SslConfigurationException(
                    location.keyPasswordKey(),
                    "the key password does not open the private key '" + alias + "' in '" + location.path() + "'",
                    "set the private key's password (for PKCS12 usually the keystore password)");
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "the private key '" + alias + "' in '" + location.path() + "' cannot be read (" + e.getMessage() + ")",
                    "re-create the keystore with a standard key algorithm (RSA or EC)",
                    e);
        }
    }

    private static X509Certificate[] x509Chain(Certificate[] chain) {
        if (chain == null) {
            return new X509Certificate[0];
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate cert : chain) {
            if (cert instanceof X509Certificate) {
                out.add((X509Certificate) cert);
            }
        }
        return out.toArray(new X509Certificate[0]);
    }

    /** A keystore whose certificate belongs to another key fails every handshake: say so now. */
    private static void requireKeyMatchesCertificate(
            PrivateKey key, X509Certificate cert, String alias, StoreLocation location) {
        boolean matches = KeyOwnership.belongsTo(key, cert);
        if (!matches) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "the private key '" + alias + "' in '" + location.path() + "' does not belong to its certificate '"
                            + Certificates.subject(cert) + "'",
                    "import the key together with the certificate that was issued for it");
        }
    }

    private static KeyManagerFactory keyManagerFactory(
            KeyStore store, StoreLocation location, char[] keyPassword, SslProvider provider) {
        try {
            KeyManagerFactory factory =
                    provider == SslProvider.JDK
                            ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                            // Converts the key material to BoringSSL's form once, not per handshake.
                            : new OpenSslX509KeyManagerFactory();
            factory.init(store, keyPassword);
            return factory;
        } catch (UnrecoverableKeyException e) {
            throw new SslConfigurationException(
                    location.keyPasswordKey(),
                    "the key password does not open every private key in '" + location.path() + "'",
                    "give all private keys in the keystore the same password and set it");
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "no key manager can be built from '" + location.path() + "' (" + e.getMessage() + ")",
                    "re-create the keystore with a standard key algorithm (RSA or EC)",
                    e);
        }
    }
}
