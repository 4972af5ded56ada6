package io.github.flinksslext.stores;

import java.security.cert.X509Certificate;
import java.util.Arrays;

/** A private key entry of a keystore: its alias and certificate chain (the key stays inside). */
public final class KeyEntry {

    private final String alias;
    private final X509Certificate[] chain;
    private final String keyAlgorithm;

    KeyEntry(String alias, X509Certificate[] chain, String keyAlgorithm) {
        this.alias = alias;
        this.chain = chain.clone();
        this.keyAlgorithm = keyAlgorithm;
    }

    public String alias() {
        return alias;
    }

    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    /** "RSA", "EC", "Ed25519", ... */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    @Override
    public String toString() {
        return alias + " " + Arrays.toString(Arrays.stream(chain).map(Certificates::subject).toArray());
    }
}
