package io.github.flinksslext.rotation;

import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad value of a reload option stops the context's creation, naming the key, the problem and the fix. */
class ReloadOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "security.ssl.reload.enabled  | maybe | is not a boolean",
        "security.ssl.reload.interval | soon  | is not a duration",
        "security.ssl.reload.interval | 1 ms  | is shorter than 10 ms",
        "security.ssl.reload.interval | 2 d   | is longer than a day",
    })
    void aBadValueNamesItsKey(String key, String value, String problem) {
        Identity ca = TestCertificates.identity("reload-ca").ca().build();
        Configuration config = new TlsFixture(dir).internal(ca.issue("node").build(), ca.certificate());
        config.setString(key.trim(), value.trim());

        assertThatThrownBy(() -> SSLUtils.createInternalServerSSLEngineFactory(config))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'" + key.trim() + "'")
                .hasMessageContaining(problem.trim());
    }
}
