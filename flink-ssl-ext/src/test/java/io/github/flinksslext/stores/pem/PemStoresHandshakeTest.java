package io.github.flinksslext.stores.pem;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.Openssl;
import io.github.flinksslext.testing.PinForms;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every plane the jar builds from PEM as cert-manager and openssl write it: real loopback
 * handshakes through Flink's SSLHandlerFactory, both providers, no password option set.
 */
class PemStoresHandshakeTest {

    private static final byte[] PAYLOAD = "records from pem".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static Openssl openssl;
    private static Path caCert;
    private static Path caKey;
    private static Path combinedPkcs1;
    private static Path nodeCert;
    private static Path nodeKey;
    private static Path secretDirectory;

    @BeforeAll
    static void material() throws Exception {
        openssl = new Openssl(dir);
        caKey = openssl.ecSec1("ca.key");
        caCert = openssl.ca(caKey, "pem-ca", "ca.crt");
        nodeKey = openssl.rsaPkcs1("node.key");
        nodeCert = openssl.issue(nodeKey, "flink-internal", caCert, caKey, "node.crt", "DNS:localhost");
        combinedPkcs1 = openssl.concat("tls-combined.pem", nodeKey, nodeCert, caCert);

        // the Kubernetes secret volume: files behind ..data, an EC key in SEC1 as cert-manager writes it
        Path volume = Files.createDirectories(dir.resolve("secret"));
        Path data = Files.createDirectories(volume.resolve("..2026_11_28_19_00_00.000000001"));
        Path restKey = openssl.ecSec1("rest.key");
        Files.copy(restKey, data.resolve("tls.key"));
        Files.copy(openssl.issue(restKey, "flink-rest", caCert, caKey, "rest.crt", "DNS:localhost"), data.resolve("tls.crt"));
        Files.copy(caCert, data.resolve("ca.crt"));
        Files.createSymbolicLink(volume.resolve("..data"), data.getFileName());
        for (String file : new String[] {"tls.key", "tls.crt", "ca.crt"}) {
            Files.createSymbolicLink(volume.resolve(file), volume.resolve("..data").getFileName().resolve(file));
        }
        secretDirectory = volume;
    }

    private static Configuration internal(String provider, Path keyStore, Path trustStore) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.internal.keystore", keyStore.toString());
        config.setString("security.ssl.internal.keystore-type", "PEM");
        config.setString("security.ssl.internal.truststore", trustStore.toString());
        config.setString("security.ssl.internal.truststore-type", "PEM");
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void internalTlsFromACombinedFileWithAPkcs1KeyACaBundleAndASha256Pin(String provider) throws Exception {
        Configuration config = internal(provider, combinedPkcs1, openssl.concat("bundle.crt", caCert));
        config.setString("security.ssl.internal.cert.fingerprint", PinForms.SHA256_COLONS_LOWER.of(certificate(nodeCert)));

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config), SSLUtils.createInternalClientSSLEngineFactory(config),
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void restMutualTlsFromTheKubernetesSecretDirectory(String provider) throws Exception {
        Configuration config = new Configuration();
        config.setString("security.ssl.rest.enabled", "true");
        config.setString("security.ssl.rest.authentication-enabled", "true");
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.rest.keystore", secretDirectory.toString());
        config.setString("security.ssl.rest.keystore-type", "PEM");
        config.setString("security.ssl.rest.truststore", secretDirectory.toString());
        config.setString("security.ssl.rest.truststore-type", "PEM");

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(config), SSLUtils.createRestClientSSLEngineFactory(config),
                "localhost", PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void anEncryptedKeyOpensWithTheKeyPassword(String provider) throws Exception {
        Path encrypted = openssl.concat("encrypted.pem", openssl.encryptedPkcs8(nodeKey, "node.enc", "Kee-Pw-31"), nodeCert);
        Configuration config = internal(provider, encrypted, caCert);
        config.setString("security.ssl.internal.key-password", "Kee-Pw-31");

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config), SSLUtils.createInternalClientSSLEngineFactory(config),
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "empty", "mismatch", "out-of-order", "no-password", "wrong-password", "no-key"})
    void everyBadInputNamesTheOptionAndTheFileButNoKeyMaterial(String input) throws Exception {
        Path encrypted = openssl.concat("bad-encrypted.pem", openssl.encryptedPkcs8(nodeKey, "bad.enc", "Right-Pw-7"), nodeCert);
        Path file;
        String key = "security.ssl.internal.keystore";
        String problem;
        Configuration extra = new Configuration();
        switch (input) {
            case "garbage":
                file = Files.write(dir.resolve("garbage.pem"), "certificate: yes please".getBytes(StandardCharsets.US_ASCII));
                problem = "holds no PEM block";
                break;
            case "empty":
                file = Files.write(dir.resolve("empty.pem"), new byte[0]);
                problem = "the file is empty";
                break;
            case "mismatch":
                file = openssl.concat("mismatch.pem", nodeKey, caCert);
                problem = "does not belong to any of its certificates";
                break;
            case "out-of-order":
                file = openssl.concat("order.pem", nodeKey, caCert, nodeCert);
                problem = "out of order";
                break;
            case "no-password":
                file = encrypted;
                key = "security.ssl.internal.key-password";
                problem = "no key password is set";
                break;
            case "wrong-password":
                file = encrypted;
                key = "security.ssl.internal.key-password";
                problem = "does not decrypt";
                extra.setString(key, "Wrong-Pw-8");
                break;
            default:
                file = nodeCert;
                problem = "holds no private key entry";
                break;
        }
        Configuration config = internal("JDK", file, caCert);
        config.addAll(extra);
        String keyLine = new String(Files.readAllBytes(nodeKey), StandardCharsets.US_ASCII).split("\n")[1];
        String expectedKey = key;
        Path expectedFile = file;

        assertThatThrownBy(() -> SSLUtils.createInternalServerSSLEngineFactory(config))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'" + expectedKey + "'")
                .hasMessageContaining(expectedFile.toString())
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(keyLine);
                    }
                });
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
