package io.github.flinksslext.metrics;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The startup expiry check: WARN within the window (30 days by default), ERROR within 7 days. */
class CertificateExpiryLogTest {

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;

    @BeforeEach
    void internalCa() {
        fixture = new TlsFixture(dir);
        // a year: the fixture's default of 30 days is itself within the warning window
        ca = TestCertificates.identity("expiry-ca").ca()
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))).build();
    }

    private static java.util.List<String> expiryLines(LogCapture log, String commonName) {
        return log.lines().stream().filter(line -> line.contains(" TLS certificate '") && line.contains("CN=" + commonName + "'"))
                .collect(java.util.stream.Collectors.toList());
    }

    private Identity longLived(String name) {
        return ca.issue(name).validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))).build();
    }

    private Identity expiringIn(String name, Duration left) {
        return ca.issue(name).validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(left)).build();
    }

    @Test
    void aCertificateExpiringInTenDaysIsWarnedAtStartup() throws Exception {
        Identity node = expiringIn("expires-in-10-days", Duration.ofDays(10));
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(fixture.internal(node, ca.certificate()));

            assertThat(expiryLines(log, "expires-in-10-days")).singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith("WARN TLS certificate '").contains("expires in 9 days 23 hours")
                            .contains("in use as internal server own certificate")
                            .contains("set by 'security.ssl.expiry-warning-window'"));
        }
    }

    @Test
    void aCertificateExpiringInThreeDaysIsAnError() throws Exception {
        Identity node = expiringIn("expires-in-3-days", Duration.ofDays(3));
        try (LogCapture log = new LogCapture()) {
            Configuration config = fixture.internal(node, ca.certificate());
            SSLUtils.createInternalServerSSLEngineFactory(config);
            SSLUtils.createInternalClientSSLEngineFactory(config);

            // said once, naming both sides that use it; the second context adds no line
            assertThat(expiryLines(log, "expires-in-3-days")).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("ERROR TLS certificate '").contains("expires in 2 days 23 hours")
                            .contains("internal server own certificate"));
        }
    }

    @Test
    void aTrustedCaExpiringSoonIsWarnedToo() throws Exception {
        Identity shortCa = TestCertificates.identity("short-lived-ca").ca()
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(20))).build();
        Identity node = longLived("long-lived-node");
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(fixture.internal(node, ca.certificate(), shortCa.certificate()));

            assertThat(expiryLines(log, "short-lived-ca")).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("WARN ").contains("in use as internal server trusted CA."));
            assertThat(expiryLines(log, "long-lived-node")).isEmpty();
            assertThat(expiryLines(log, "expiry-ca")).isEmpty();
        }
    }

    @Test
    void theWindowIsConfigurable() throws Exception {
        Identity node = expiringIn("expires-in-10-days-window-1d", Duration.ofDays(10));
        Configuration config = fixture.internal(node, ca.certificate());
        config.setString("security.ssl.expiry-warning-window", "1 d");
        try (LogCapture log = new LogCapture()) {
            SSLUtils.createInternalServerSSLEngineFactory(config);

            assertThat(expiryLines(log, "expires-in-10-days-window-1d")).isEmpty();
        }

        config.setString("security.ssl.expiry-warning-window", "a month");
        assertThatThrownBy(() -> SSLUtils.createInternalServerSSLEngineFactory(config))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("security.ssl.expiry-warning-window").hasMessageContaining("'a month' is not a duration");
    }
}
