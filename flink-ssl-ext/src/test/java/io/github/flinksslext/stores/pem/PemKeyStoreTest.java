package io.github.flinksslext.stores.pem;

import io.github.flinksslext.testing.Openssl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code KeyStore.getInstance("PEM")} over files written by the openssl command line tool. */
class PemKeyStoreTest {

    @TempDir
    static Path dir;

    private static Openssl openssl;
    private static Path caKey;
    private static Path caCert;
    private static Path rsaKey;
    private static Path rsaCert;
    private static Path ecKey;
    private static Path ecCert;

    @BeforeAll
    static void material() throws Exception {
        PemProvider.install();
        openssl = new Openssl(dir);
        caKey = openssl.ecSec1("ca.key");
        caCert = openssl.ca(caKey, "pem-ca", "ca.crt");
        rsaKey = openssl.rsaPkcs1("rsa.key");
        rsaCert = openssl.issue(rsaKey, "rsa-node", caCert, caKey, "rsa.crt", "DNS:localhost");
        ecKey = openssl.ecSec1("ec.key");
        ecCert = openssl.issue(ecKey, "ec-node", caCert, caKey, "ec.crt");
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PEM");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, null);
        }
        return store;
    }

    @Test
    void readsEveryKeyFormWithItsChain() throws Exception {
        Path[] keys = {
            openssl.concat("pkcs1.pem", rsaKey, rsaCert, caCert),
            openssl.concat("pkcs8.pem", openssl.pkcs8(rsaKey, "rsa.p8"), rsaCert, caCert),
            openssl.concat("sec1.pem", ecKey, ecCert, caCert),
            openssl.concat("sec1-pkcs8.pem", openssl.pkcs8(ecKey, "ec.p8"), ecCert),
        };
        for (Path file : keys) {
            KeyStore store = load(file);
            assertThat(Collections.list(store.aliases())).containsExactly(PemKeyStore.KEY_ALIAS);
            Key key = store.getKey(PemKeyStore.KEY_ALIAS, null);
            assertThat(key).as(file.toString()).isInstanceOf(PrivateKey.class);
            Certificate[] chain = store.getCertificateChain(PemKeyStore.KEY_ALIAS);
            assertThat(KeyOwnership.belongsTo((PrivateKey) key, (X509Certificate) chain[0])).isTrue();
            assertThat(((X509Certificate) chain[chain.length - 1]).getSubjectX500Principal().getName())
                    .isIn("CN=pem-ca", "CN=ec-node");
        }
    }

    @Test
    void anEncryptedKeyOpensWithItsPasswordOnly() throws Exception {
        Path file = openssl.concat("encrypted.pem", openssl.encryptedPkcs8(rsaKey, "rsa.enc", "Kee-pass-1"), rsaCert);
        KeyStore store = load(file);

        assertThat(store.getKey(PemKeyStore.KEY_ALIAS, "Kee-pass-1".toCharArray())).isInstanceOf(PrivateKey.class);
        assertThatThrownBy(() -> store.getKey(PemKeyStore.KEY_ALIAS, "wrong".toCharArray()))
                .isInstanceOf(UnrecoverableKeyException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> store.getKey(PemKeyStore.KEY_ALIAS, null))
                .isInstanceOf(UnrecoverableKeyException.class).hasMessageContaining("no key password is set");
    }

    @Test
    void aCaBundleIsTrustedCertificates() throws Exception {
        KeyStore store = load(openssl.concat("bundle.crt", caCert, rsaCert));

        assertThat(Collections.list(store.aliases())).containsExactly("ca-0", "ca-1");
        assertThat(store.isCertificateEntry("ca-0")).isTrue();
    }

    @Test
    void badInputsAreRefusedWithoutQuotingKeyMaterial() throws Exception {
        String keyText = new String(Files.readAllBytes(rsaKey), StandardCharsets.US_ASCII);
        String keyBase64Line = keyText.split("\n")[1];
        Path garbage = Files.write(dir.resolve("garbage.pem"), "not a pem file at all".getBytes(StandardCharsets.US_ASCII));
        Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);
        Path truncated = Files.write(dir.resolve("truncated.pem"),
                keyText.substring(0, keyText.length() / 2).getBytes(StandardCharsets.US_ASCII));
        Path mismatched = openssl.concat("mismatch.pem", rsaKey, ecCert);
        Path outOfOrder = openssl.concat("order.pem", rsaKey, caCert, rsaCert);
        Path keyOnly = openssl.concat("key-only.pem", rsaKey);

        assertRefused(garbage, "holds no PEM block", keyBase64Line);
        assertRefused(empty, "the file is empty", keyBase64Line);
        assertRefused(truncated, "holds no PEM block", keyBase64Line);
        assertRefused(mismatched, "does not belong to any of its certificates", keyBase64Line);
        assertRefused(outOfOrder, "out of order", keyBase64Line);
        assertRefused(keyOnly, "no certificate", keyBase64Line);
    }

    private static void assertRefused(Path file, String problem, String keyMaterial) {
        assertThatThrownBy(() -> load(file)).as(file.toString())
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(keyMaterial);
                    }
                });
    }
}
