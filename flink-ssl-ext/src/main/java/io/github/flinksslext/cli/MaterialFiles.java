package io.github.flinksslext.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes the files {@code generate} makes: never over an existing file, and those that hold a
 * private key or a password readable by their owner alone (where the file system has POSIX
 * permissions), from the moment they exist.
 */
final class MaterialFiles {

    private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final Path dir;

    MaterialFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** A file of {@code bytes}; owner-only where {@code secret}. */
    Path write(String name, byte[] bytes, boolean secret) throws IOException {
        Path file = dir.resolve(name);
        if (secret && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    Path text(String name, String text, boolean secret) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** A PKCS12 keystore with one private key entry; always owner-only. */
    Path keyStore(String name, String alias, PrivateKey key, X509Certificate[] chain, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain);
            return store(name, store, password, true);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot write the keystore " + name, e);
        }
    }

    /** A PKCS12 truststore of trusted certificate entries. */
    Path trustStore(String name, char[] password, X509Certificate... trusted) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry(trusted.length == 1 ? "trusted" : "trusted-" + (i + 1), trusted[i]);
            }
            return store(name, store, password, false);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot write the truststore " + name, e);
        }
    }

    private Path store(String name, KeyStore store, char[] password, boolean secret)
            throws IOException, java.security.GeneralSecurityException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        store.store(bytes, password);
        return write(name, bytes.toByteArray(), secret);
    }

    static String pem(Certificate... certificates) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Certificate certificate : certificates) {
            try {
                out.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode a certificate", e);
            }
        }
        return out.toString();
    }

    /** PKCS#8, unencrypted, as curl and OpenSSL read it. */
    static String pem(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Refuses to start where any of the files exists: generate never overwrites keys. */
    void requireAbsent(String... names) throws FileAlreadyExistsException {
        for (String name : names) {
            if (Files.exists(dir.resolve(name))) {
                throw new FileAlreadyExistsException(dir.resolve(name).toString());
            }
        }
    }
}
