package io.github.flinksslext.config;

import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each option, its fallback and its default, as Flink defines them. */
class EndpointSettingsParserTest {

    private static Configuration config(String... keyValues) {
        Configuration config = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.setString(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void unprefixedStoreOptionsAreTheFallbackForBothEndpoints() {
        Configuration config = config(
                "security.ssl.keystore", "/shared.p12", "security.ssl.keystore-password", "a",
                "security.ssl.key-password", "b", "security.ssl.truststore", "/trust.p12",
                "security.ssl.truststore-password", "c");
        for (TlsEndpoint endpoint : TlsEndpoint.values()) {
            EndpointSettings settings = EndpointSettingsParser.parse(config, endpoint);
            assertThat(settings.keyStore().get().path()).hasToString("/shared.p12");
            assertThat(settings.keyStore().get().pathKey()).isEqualTo("security.ssl.keystore");
            assertThat(settings.keyStore().get().passwordKey()).isEqualTo("security.ssl.keystore-password");
            assertThat(settings.keyStore().get().keyPasswordKey()).isEqualTo("security.ssl.key-password");
            assertThat(settings.trustStore().get().pathKey()).isEqualTo("security.ssl.truststore");
            assertThat(settings.keyStore().get().type()).isEqualTo("pkcs12");
        }
    }

    @Test
    void endpointOptionsWinOverTheFallback() {
        Configuration config = config(
                "security.ssl.keystore", "/shared.p12", "security.ssl.keystore-password", "a",
                "security.ssl.internal.keystore", "/internal.jks", "security.ssl.internal.keystore-password", "b",
                "security.ssl.internal.keystore-type", "JKS",
                "security.ssl.rest.keystore", "/rest.p12", "security.ssl.rest.keystore-password", "c",
                "security.ssl.rest.key-password", "d");
        StoreLocation internal = EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL).keyStore().get();
        StoreLocation rest = EndpointSettingsParser.parse(config, TlsEndpoint.REST).keyStore().get();
        assertThat(internal.path()).hasToString("/internal.jks");
        assertThat(internal.type()).isEqualTo("JKS");
        assertThat(internal.passwordKey()).isEqualTo("security.ssl.internal.keystore-password");
        assertThat(internal.keyPasswordKey()).as("no key password: the keystore's own").isEqualTo("security.ssl.internal.keystore-password");
        assertThat(rest.path()).hasToString("/rest.p12");
        assertThat(rest.keyPasswordKey()).isEqualTo("security.ssl.rest.key-password");
    }

    @Test
    void defaultsAreModernWhereFlinksAreBroken() {
        EndpointSettings settings = EndpointSettingsParser.parse(new Configuration(), TlsEndpoint.INTERNAL);
        assertThat(settings.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(settings.protocolsConfigured()).isFalse();
        // modern suites first; Flink's own last, for Flink without the jar (servers choose by their order)
        assertThat(settings.cipherSuites()).startsWith("TLS_AES_128_GCM_SHA256").endsWith("TLS_RSA_WITH_AES_128_CBC_SHA")
                .filteredOn(suite -> suite.contains("_CBC_") || suite.startsWith("TLS_RSA_"))
                .containsExactly("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(settings.flinksSuiteOffered()).isTrue();
        assertThat(settings.provider()).isEqualTo(SslProvider.JDK);
        assertThat(settings.mutualAuthentication()).isTrue();
        assertThat(settings.handshakeTimeoutMs()).isEqualTo(-1);
        assertThat(settings.keyStore()).isEmpty();
        assertThat(settings.trustStore()).isEmpty();
    }

    @Test
    void strictModeLeavesFlinksSuiteOutAndConfiguredSuitesNeverGetIt() {
        EndpointSettings strict = EndpointSettingsParser.parse(
                config("security.ssl.legacy-suite.enabled", "false"), TlsEndpoint.INTERNAL);
        assertThat(strict.cipherSuites()).doesNotContain("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(strict.flinksSuiteOffered()).isFalse();

        EndpointSettings configured = EndpointSettingsParser.parse(
                config("security.ssl.algorithms", "TLS_AES_128_GCM_SHA256"), TlsEndpoint.INTERNAL);
        assertThat(configured.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(configured.flinksSuiteOffered()).isFalse();
    }

    @Test
    void flinksDefaultsWrittenOutAsAPairCountAsUnset() {
        EndpointSettings settings = EndpointSettingsParser.parse(
                config("security.ssl.protocol", "TLSv1.2", "security.ssl.algorithms", "TLS_RSA_WITH_AES_128_CBC_SHA"),
                TlsEndpoint.INTERNAL);
        assertThat(settings.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(settings.protocolsConfigured()).isFalse();
        assertThat(settings.cipherSuitesConfigured()).isFalse();

        // one of them alone is a choice, honoured exactly
        assertThat(EndpointSettingsParser.parse(config("security.ssl.protocol", "TLSv1.2"), TlsEndpoint.INTERNAL).protocols())
                .containsExactly("TLSv1.2");
    }

    @Test
    void aMalformedLegacySuiteSwitchNamesItsKey() {
        assertThatThrownBy(() -> EndpointSettingsParser.parse(
                        config("security.ssl.legacy-suite.enabled", "strict", "security.ssl.algorithms", "TLS_AES_128_GCM_SHA256"),
                        TlsEndpoint.REST))
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'security.ssl.legacy-suite.enabled'")
                .hasMessageContaining("'strict' is not a boolean");
    }

    @Test
    void listsAreTrimmedAndCaseOfProviderIgnored() {
        EndpointSettings settings = EndpointSettingsParser.parse(
                config("security.ssl.protocol", " TLSv1.2 , TLSv1.3,", "security.ssl.algorithms",
                        "TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "security.ssl.provider", "openssl"),
                TlsEndpoint.REST);
        assertThat(settings.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(settings.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(settings.provider()).isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void internalTimeoutsFallBackToTheDeprecatedKeys() {
        EndpointSettings settings = EndpointSettingsParser.parse(
                config("security.ssl.handshake-timeout", "5000", "security.ssl.close-notify-flush-timeout", "700",
                        "security.ssl.session-cache-size", "64", "security.ssl.internal.session-timeout", "86400000"),
                TlsEndpoint.INTERNAL);
        assertThat(settings.handshakeTimeoutMs()).isEqualTo(5000);
        assertThat(settings.closeNotifyFlushTimeoutMs()).isEqualTo(700);
        assertThat(settings.sessionCacheSize()).isEqualTo(64);
        assertThat(settings.sessionTimeoutMs()).isEqualTo(86_400_000);
    }

    @Test
    void hostnameVerificationIsForRestClientsAndTheRestKeyWins() {
        Configuration config = config("security.ssl.verify-hostname", "true");
        assertThat(EndpointSettingsParser.parse(config, TlsEndpoint.REST).verifyHostname()).isTrue();
        assertThat(EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL).verifyHostname()).isFalse();
        config.setString("security.ssl.rest.verify-hostname", "false");
        assertThat(EndpointSettingsParser.parse(config, TlsEndpoint.REST).verifyHostname()).isFalse();
        assertThat(EndpointSettingsParser.parse(new Configuration(), TlsEndpoint.REST).verifyHostname()).isFalse();
    }

    @Test
    void restMutualAuthenticationFollowsItsOption() {
        assertThat(EndpointSettingsParser.parse(config("security.ssl.rest.enabled", "true"), TlsEndpoint.REST)
                .mutualAuthentication()).isFalse();
        assertThat(EndpointSettingsParser.parse(
                config("security.ssl.rest.enabled", "true", "security.ssl.rest.authentication-enabled", "TRUE"),
                TlsEndpoint.REST).mutualAuthentication()).isTrue();
    }

    @Test
    void legacyEnabledSwitchCountsOnlyWhereTheRunningFlinkHasIt() {
        Configuration legacy = config("security.ssl.enabled", "true");
        assertThat(TlsEnablement.isInternalEnabled(legacy)).isEqualTo(TlsEnablement.legacyKeySupported());
        assertThat(TlsEnablement.isRestEnabled(legacy)).isEqualTo(TlsEnablement.legacyKeySupported());
        legacy.setString("security.ssl.internal.enabled", "false");
        assertThat(TlsEnablement.isInternalEnabled(legacy)).isFalse();
    }

    @Test
    void passwordsNeverPrint() {
        EndpointSettings settings = EndpointSettingsParser.parse(
                config("security.ssl.keystore", "/k.p12", "security.ssl.keystore-password", "hunter2-secret"),
                TlsEndpoint.INTERNAL);
        assertThat(settings.toString()).doesNotContain("hunter2-secret");
        assertThat(settings.keyStore().get().password().toString()).isEqualTo("******");
    }
}
