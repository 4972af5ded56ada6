package io.github.flinksslext.stores;

import java.nio.file.Path;
import java.util.List;

/**
 * The layout of a Kubernetes TLS secret mounted as a volume (what cert-manager writes): tls.key and
 * tls.crt make the keystore, ca.crt the truststore. The files are read through Kubernetes' links.
 */
final class PemDirectory {

    private PemDirectory() {}

    static List<Path> files(Path directory, String what) {
        return what.equals("keystore")
                ? List.of(directory.resolve("tls.key"), directory.resolve("tls.crt"))
                : List.of(directory.resolve("ca.crt"));
    }

    /** The fix for a PEM store that does not read. */
    static String layout(String what) {
        return what.equals("keystore")
                ? "write the private key (PKCS#8, PKCS#1 or SEC1) and its certificate chain, leaf first, as PEM: one file"
                        + " (cert-manager's tls-combined.pem) or a directory with tls.key and tls.crt"
                : "write the CA certificates to trust as PEM: one file (a bundle, or cert-manager's ca.crt) or a"
                        + " directory with ca.crt";
    }
}
