package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.logging.log4j.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a JobManager or TaskManager hands Flink's RPC layer (Pekko) is checked by the early hook
 * before Pekko starts: every setting Pekko cannot use is refused naming the option and the fix.
 */
class PekkoTlsSettingsTest {

    @TempDir
    Path dir;

    private Configuration rsa;
    private Configuration ec;

    @BeforeEach
    void clusterConfigurations() {
        TlsFixture fixture = new TlsFixture(dir);
        Identity ca = TestCertificates.identity("internal-ca").ca().keys(TestCertificates.rsa(2048)).build();
        rsa = fixture.internal(ca.issue("node").keys(TestCertificates.rsa(2048)).build(), ca.certificate());
        Identity ecCa = TestCertificates.identity("ec-ca").ca().keys(TestCertificates.ecP256()).build();
        ec = fixture.internal(ecCa.issue("node").keys(TestCertificates.ecP256()).build(), ecCa.certificate());
    }

    @AfterEach
    void forgetProcessConfiguration() {
        ProcessConfiguration.remember(null);
    }

    private static void start(Configuration config) {
        ProcessStart.run(config, ProcessRole.CLUSTER_COMPONENT);
    }

    @Test
    void aProtocolListIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> start(with(rsa, "security.ssl.protocol", "TLSv1.3,TLSv1.2")))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.protocol'")
                .hasMessageContaining("takes exactly one protocol")
                .hasMessageContaining("Fix: set one protocol")
                .hasMessageContaining("TLSv1.3");
    }

    @Test
    void aProtocolTheJvmDisablesIsRefused() {
        assertThatThrownBy(() -> start(with(rsa, "security.ssl.protocol", "TLSv1.1")))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.protocol'")
                .hasMessageContaining("'TLSv1.1' is not a protocol this JVM enables")
                .hasMessageContaining("Fix: set one of TLSv1.3, TLSv1.2");
    }

    @Test
    void aSuiteTheJvmDoesNotKnowIsRefused() {
        Configuration config = with(with(rsa, "security.ssl.protocol", "TLSv1.2"),
                "security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_MADE_UP_SUITE");
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.algorithms'")
                .hasMessageContaining("[TLS_MADE_UP_SUITE]")
                .hasMessageContaining("Fix: list only suites the JVM supports");
    }

    @Test
    void suitesOfAnotherProtocolVersionAreRefused() {
        Configuration config = with(with(rsa, "security.ssl.protocol", "TLSv1.2"),
                "security.ssl.algorithms", "TLS_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> start(config))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.algorithms'")
                .hasMessageContaining("can be used by Flink's RPC layer (Pekko) with TLSv1.2")
                .hasMessageContaining("Fix: list suites for TLSv1.2 that the JVM enables, e.g. TLS_");
    }

    @Test
    void flinksDefaultSuiteWithAnEcKeyIsRefused() {
        // the options unset: Pekko gets the running Flink's defaults, TLS 1.2 suites for RSA keys only
        String defaults = org.apache.flink.configuration.SecurityOptions.SSL_ALGORITHMS.defaultValue();
        assertThatThrownBy(() -> start(ec))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.algorithms'")
                .hasMessageContaining("[" + defaults.replace(",", ", ") + "]")
                .hasMessageContaining("[EC] key in 'security.ssl.keystore'")
                .hasMessageContaining("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void usableSettingsPassAndAreLogged() {
        Configuration config = with(with(ec, "security.ssl.protocol", "TLSv1.3"), "security.ssl.algorithms", "TLS_AES_128_GCM_SHA256");
        try (LogCapture log = new LogCapture()) {
            assertThatCode(() -> start(config)).doesNotThrowAnyException();
            assertThat(log.at(Level.INFO)).anySatisfy(line -> assertThat(line)
                    .contains("Pekko").contains("TLSv1.3").contains("[TLS_AES_128_GCM_SHA256]"));
        }
        assertThatCode(() -> start(with(with(rsa, "security.ssl.protocol", "TLSv1.2"),
                "security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))).doesNotThrowAnyException();
    }

    @Test
    void rpcInPlaintextIsWarnedAbout() {
        try (LogCapture log = new LogCapture()) {
            start(with(with(rsa, "pekko.ssl.enabled", "false"), "security.ssl.protocol", "TLSv1.3,TLSv1.2"));
            assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("PLAINTEXT").contains("pekko.ssl.enabled"));
        }
    }

    @Test
    void processesWithoutRpcAreNotHeldToPekkosRules() {
        // the CLI reads the same file but starts no RPC: a list serves its REST client fine
        assertThatCode(() -> ProcessStart.run(with(rsa, "security.ssl.protocol", "TLSv1.3,TLSv1.2"), ProcessRole.OTHER))
                .doesNotThrowAnyException();
        assertThat(ProcessRole.ofCaller()).isEqualTo(ProcessRole.OTHER);
    }

    @Test
    void tlsOffIsSilent() {
        try (LogCapture log = new LogCapture()) {
            start(new Configuration());
            assertThat(log.ofThisThread()).isEmpty();
        }
    }
}
