package io.github.flinksslext.bootstrap;

import io.github.flinksslext.testing.Openssl;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pekko loads the internal PEM stores through the jar's key store type, which cannot know the
 * option a stream came from; the early hook loads them first, as Pekko will, so that each bad PEM
 * input stops a JobManager or TaskManager with the option's name, never quoting key material.
 */
class EarlyHookPemErrorsTest {

    @TempDir
    static Path dir;

    private static Openssl openssl;
    private static Path caCert;
    private static Path key;
    private static Path cert;
    private static String keyLine;

    @BeforeAll
    static void material() throws Exception {
        openssl = new Openssl(dir);
        Path caKey = openssl.ecSec1("ca.key");
        caCert = openssl.ca(caKey, "hook-ca", "ca.crt");
        key = openssl.rsaPkcs1("node.key");
        cert = openssl.issue(key, "node", caCert, caKey, "node.crt");
        keyLine = new String(Files.readAllBytes(key), StandardCharsets.US_ASCII).split("\n")[1];
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "garbage                         | security.ssl.internal.keystore     | holds no PEM block",
        "empty file                      | security.ssl.internal.keystore     | the file is empty",
        "key of another certificate      | security.ssl.internal.keystore     | does not belong to any of its certificates",
        "chain out of order              | security.ssl.internal.keystore     | out of order",
        "certificate without a key       | security.ssl.internal.keystore     | no private key",
        "encrypted key without password  | security.ssl.internal.key-password | encrypted",
        "encrypted key, wrong password   | security.ssl.internal.key-password | password",
        "garbage truststore              | security.ssl.internal.truststore   | holds no PEM block",
    })
    void aBadPemInputStopsTheProcessNamingTheOption(String input, String option, String says) throws Exception {
        Path keystore = openssl.concat("good.pem", key, cert, caCert);
        Path truststore = caCert;
        Configuration config = new Configuration();
        switch (input.trim()) {
            case "garbage":
                keystore = Files.write(dir.resolve("garbage.pem"), "not a pem file".getBytes(StandardCharsets.US_ASCII));
                break;
            case "empty file":
                keystore = Files.write(dir.resolve("empty.pem"), new byte[0]);
                break;
            case "key of another certificate":
                keystore = openssl.concat("mismatch.pem", openssl.rsaPkcs1("other.key"), cert);
                break;
            case "chain out of order":
                keystore = openssl.concat("order.pem", key, caCert, cert);
                break;
            case "certificate without a key":
                keystore = openssl.concat("cert-only.pem", cert, caCert);
                break;
            case "encrypted key without password":
                keystore = openssl.concat("encrypted.pem", openssl.encryptedPkcs8(key, "encrypted.key", "s3cret-Pw"), cert);
                break;
            case "encrypted key, wrong password":
                keystore = openssl.concat("encrypted2.pem", openssl.encryptedPkcs8(key, "encrypted2.key", "s3cret-Pw"), cert);
                config.setString("security.ssl.internal.key-password", "not-the-Pw");
                break;
            case "garbage truststore":
                truststore = Files.write(dir.resolve("garbage.crt"), "not a pem file".getBytes(StandardCharsets.US_ASCII));
                break;
            default:
                throw new IllegalArgumentException(input);
        }
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.internal.keystore", keystore.toString());
        config.setString("security.ssl.internal.keystore-type", "PEM");
        config.setString("security.ssl.internal.truststore", truststore.toString());
        config.setString("security.ssl.internal.truststore-type", "PEM");
        Configuration process = config;

        assertThatThrownBy(() -> ProcessStart.run(process, ProcessRole.CLUSTER_COMPONENT))
                .hasMessageContaining("'" + option.trim() + "'")
                .hasMessageContaining(says.trim())
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(keyLine).doesNotContain("s3cret-Pw")
                                .doesNotContain("not-the-Pw");
                    }
                });
    }
}
