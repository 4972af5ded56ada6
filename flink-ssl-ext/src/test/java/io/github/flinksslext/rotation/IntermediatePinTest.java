package io.github.flinksslext.rotation;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.Rotations;
import io.github.flinksslext.testing.Openssl;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins that survive renewal: a pin of the cluster's dedicated intermediate CA accepts a renewed
 * leaf with a new key, and still refuses a leaf from another intermediate of the same root.
 */
class IntermediatePinTest {

    @TempDir
    static Path dir;

    private static Path root;
    private static String issuerPin;
    private static String rootPin;
    private static Path first;
    private static Path renewed;
    private static Path otherIssuer;

    @BeforeAll
    static void hierarchy() throws Exception {
        Openssl openssl = new Openssl(dir);
        Path rootKey = openssl.ecSec1("root.key");
        root = openssl.ca(rootKey, "company-root", "root.crt");
        Path issuerKey = openssl.ecSec1("issuer.key");
        Path issuer = openssl.intermediate(issuerKey, "flink-cluster-issuer", root, rootKey, "issuer.crt");
        Path otherKey = openssl.ecSec1("other.key");
        Path other = openssl.intermediate(otherKey, "other-team-issuer", root, rootKey, "other.crt");
        issuerPin = Rotations.sha256(java.nio.file.Files.readAllBytes(issuer));
        rootPin = Rotations.sha256(java.nio.file.Files.readAllBytes(root));
        first = leaf(openssl, "node-1", issuer, issuerKey);
        renewed = leaf(openssl, "node-1-renewed", issuer, issuerKey);
        otherIssuer = leaf(openssl, "intruder", other, otherKey);
    }

    /** As cert-manager writes tls-combined.pem for a CA issuer: the key, the leaf, then its issuer. */
    private static Path leaf(Openssl openssl, String name, Path issuer, Path issuerKey) throws Exception {
        Path key = openssl.rsaPkcs1(name + ".key");
        Path cert = openssl.issue(key, name, issuer, issuerKey, name + ".crt", "DNS:localhost");
        return openssl.concat(name + "-combined.pem", key, cert, issuer);
    }

    private static Configuration config(String provider, Path keystore, String pin) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.internal.keystore", keystore.toString());
        config.setString("security.ssl.internal.keystore-type", "PEM");
        config.setString("security.ssl.internal.truststore", root.toString());
        config.setString("security.ssl.internal.truststore-type", "PEM");
        if (pin != null) {
            config.setString("security.ssl.internal.cert.fingerprint", pin);
        }
        config.setString("security.ssl.provider", provider);
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aRenewedLeafWithANewKeyMatchesTheIssuerPin(String provider) throws Exception {
        Rotations.Seen seen = Rotations.handshake(
                SSLUtils.createInternalServerSSLEngineFactory(config(provider, renewed, issuerPin)),
                SSLUtils.createInternalClientSSLEngineFactory(config(provider, first, issuerPin)));
        assertThat(seen.byClient).isNotNull();
        assertThat(seen.byServer).isNotNull().isNotEqualTo(seen.byClient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aLeafOfAnotherIntermediateOfTheSameRootIsRefused(String provider) throws Exception {
        assertThatThrownBy(() -> Rotations.handshake(
                        SSLUtils.createInternalServerSSLEngineFactory(config(provider, otherIssuer, null)),
                        SSLUtils.createInternalClientSSLEngineFactory(config(provider, first, issuerPin))))
                .satisfies(failure -> assertThat(causes(failure))
                        .contains("Certificate pinning failure")
                        .contains("other-team-issuer"));
    }

    @Test
    void aPinOfTheTrustedRootGivesAStartupWarning() throws Exception {
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(config("JDK", first, rootPin));
            assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("security.ssl.internal.cert.fingerprint")
                    .contains("company-root")
                    .contains("adds nothing"));
        }
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(config("JDK", renewed, issuerPin));
            assertThat(log.at(Level.WARN)).noneSatisfy(line -> assertThat(line).contains("adds nothing"));
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
