package io.github.flinksslext.stores.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStoreSpi;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code KeyStore.getInstance("PEM")}: a read-only key store over one PEM stream. With a private
 * key it holds one key entry ({@value #KEY_ALIAS}) whose chain is the stream's certificates, leaf
 * first (cert-manager's {@code tls-combined.pem}, or {@code tls.key} and {@code tls.crt} one after
 * the other); without one, every certificate is a trusted entry ({@code ca.crt}, a CA bundle). The
 * store needs no password; an encrypted key is opened by the password {@code getKey} is given, as
 * a key manager passes the key password. The same parser serves the jar's own planes and Flink's
 * RPC layer, which loads its stores through {@code KeyStore.getInstance(type)}.
 */
public final class PemKeyStore extends KeyStoreSpi {

    public static final String KEY_ALIAS = "key";

    private PemBlocks.Block keyBlock;
    private PrivateKey plainKey;
    private X509Certificate[] chain = new X509Certificate[0];
    private final Map<String, X509Certificate> trusted = new LinkedHashMap<>();
    private final Date loaded = new Date();

    @Override
    public void engineLoad(InputStream stream, char[] ignoredStorePassword) throws IOException, CertificateException {
        if (stream == null) {
            return; // an empty store, as KeyStore.load(null, null) makes
        }
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (PemBlocks.Block block : PemBlocks.parse(stream.readAllBytes())) {
            if (PemPrivateKeys.isPrivateKey(block.label)) {
                if (keyBlock != null) {
                    throw new IOException("it holds more than one private key; put one key and its chain in a file");
                }
                keyBlock = block;
            } else if (block.label.equals("CERTIFICATE")) {
                try {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
                } catch (CertificateException e) {
                    throw new IOException("certificate " + (certificates.size() + 1) + " is not a valid X.509 certificate");
                }
            } else {
                throw new IOException("it holds a '" + block.label + "' block; only private keys and CERTIFICATE blocks belong here");
            }
        }
        if (keyBlock == null) {
            for (int i = 0; i < certificates.size(); i++) {
                trusted.put("ca-" + i, certificates.get(i));
            }
            return;
        }
        if (certificates.isEmpty()) {
            throw new IOException("it holds a private key but no certificate; add the certificate chain after the key");
        }
        chain = certificates.toArray(new X509Certificate[0]);
        if (!PemPrivateKeys.isEncrypted(keyBlock)) {
            try {
                plainKey = PemPrivateKeys.decode(keyBlock, null);
            } catch (UnrecoverableKeyException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        PemChainOrder.check(plainKey, chain);
    }

    @Override
    public Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
        if (!KEY_ALIAS.equals(alias) || keyBlock == null) {
            return null;
        }
        if (plainKey != null) {
            return plainKey;
        }
        try {
            PrivateKey key = PemPrivateKeys.decode(keyBlock, password);
            PemChainOrder.check(key, chain);
            return key;
        } catch (IOException e) {
            UnrecoverableKeyException unreadable = new UnrecoverableKeyException(e.getMessage());
            unreadable.initCause(e);
            throw unreadable;
        }
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        return isKey(alias) ? chain.clone() : null;
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        return isKey(alias) ? chain[0] : trusted.get(alias);
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        return engineContainsAlias(alias) ? new Date(loaded.getTime()) : null;
    }

    @Override
    public Enumeration<String> engineAliases() {
        List<String> aliases = new ArrayList<>(trusted.keySet());
        if (keyBlock != null) {
            aliases.add(0, KEY_ALIAS);
        }
        return Collections.enumeration(aliases);
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return isKey(alias) || trusted.containsKey(alias);
    }

    @Override
    public int engineSize() {
        return trusted.size() + (keyBlock != null ? 1 : 0);
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return isKey(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return trusted.containsKey(alias);
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
        if (keyBlock != null && chain[0].equals(cert)) {
            return KEY_ALIAS;
        }
        for (Map.Entry<String, X509Certificate> entry : trusted.entrySet()) {
            if (entry.getValue().equals(cert)) {
                return entry.getKey();
            }
        }
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) {
        throw readOnly();
    }

    @Override
    public void engineDeleteEntry(String alias) {
        throw readOnly();
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
        throw readOnly();
    }

    private boolean isKey(String alias) {
        return keyBlock != null && KEY_ALIAS.equals(alias);
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("PEM stores are read from the files cert-manager or openssl write");
    }
}
