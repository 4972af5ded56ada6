package io.github.flinksslext.stores;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/** The certificates a truststore trusts. */
public final class TrustMaterial {

    private final StoreLocation location;
    private final KeyStore store;
    private final TrustAnchors anchors;

    private TrustMaterial(StoreLocation location, KeyStore store, TrustAnchors anchors) {
        this.location = location;
        this.store = store;
        this.anchors = anchors;
    }

    /** Opens the truststore; {@code ProcessTls} keeps what a process opened while the file stays the same. */
    public static TrustMaterial load(StoreLocation location) {
        KeyStore store = StoreLoader.load(location, "truststore");
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                Certificate cert = store.getCertificate(aliases.nextElement());
                if (cert instanceof X509Certificate) {
                    anchors.add((X509Certificate) cert);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("truststore was loaded but cannot be listed", e);
        }
        if (anchors.isEmpty()) {
            throw new SslConfigurationException(
                    location.pathKey(),
                    "'" + location.path() + "' holds no certificate to trust",
                    "import the CA certificate that issued your peers' certificates (or the certificate itself)");
        }
        return new TrustMaterial(location, store, new TrustAnchors(anchors));
    }

    /**
     * The same certificates, named by another location that opens the same file with the same
     * password (the REST options falling back to the internal ones, say): messages name the
     * options that were asked for.
     */
    public TrustMaterial at(StoreLocation other) {
        return other.equals(location) ? this : new TrustMaterial(other, store, anchors);
    }

    public StoreLocation location() {
        return location;
    }

    public KeyStore store() {
        return store;
    }

    public TrustAnchors anchors() {
        return anchors;
    }
}
