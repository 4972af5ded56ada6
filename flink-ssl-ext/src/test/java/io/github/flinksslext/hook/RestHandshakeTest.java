package io.github.flinksslext.hook;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST endpoint and its clients, with and without mutual TLS and hostname verification. */
class RestHandshakeTest {

    private static final byte[] PAYLOAD = "GET /overview".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Identity ca;
    private Identity server;

    private Configuration serverAndClientConfig(String provider) {
        ca = TestCertificates.identity("rest-ca").ca().build();
        server = ca.issue("jobmanager").dnsName("localhost").dnsName("jobmanager.flink.svc").build();
        return with(new TlsFixture(dir).rest(server, ca.certificate()), "security.ssl.provider", provider);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void serverAuthenticationOnly(String provider) throws Exception {
        Configuration config = serverAndClientConfig(provider);
        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(config), SSLUtils.createRestClientSSLEngineFactory(config), PAYLOAD);
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.echoed).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void restClientWithoutTruststoreRefusesAServerItCannotVerify(String provider) throws Exception {
        Configuration serverConfig = serverAndClientConfig(provider);
        // no truststore: the client falls back to the JVM's CAs (Flink's rule), which do not know ours
        Configuration clientConfig = with(new Configuration(), "security.ssl.rest.enabled", "true");
        clientConfig.setString("security.ssl.provider", provider);
        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(serverConfig),
                SSLUtils.createRestClientSSLEngineFactory(clientConfig),
                PAYLOAD);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.clientFailure).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void mutualTlsAcceptsAClientWithACertificate(String provider) throws Exception {
        Configuration config = with(serverAndClientConfig(provider), "security.ssl.rest.authentication-enabled", "true");
        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(config), SSLUtils.createRestClientSSLEngineFactory(config), PAYLOAD);
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void mutualTlsRefusesAClientWithoutACertificate(String provider) throws Exception {
        Configuration serverConfig = with(serverAndClientConfig(provider), "security.ssl.rest.authentication-enabled", "true");
        Configuration clientConfig = new TlsFixture(dir).rest(null, ca.certificate());
        clientConfig.setString("security.ssl.provider", provider);
        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(serverConfig),
                SSLUtils.createRestClientSSLEngineFactory(clientConfig),
                PAYLOAD);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverFailure).as("the server refuses the client").isNotNull();
    }

    /**
     * A common setup the startup check must not refuse: the server's certificate comes from one CA
     * (public, say), client certificates from another, and each side trusts only the other's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void mutualTlsWithSeparateServerAndClientCas(String provider) throws Exception {
        TlsFixture fixture = new TlsFixture(dir);
        Identity serverCa = TestCertificates.identity("server-ca").ca().build();
        Identity clientCa = TestCertificates.identity("client-ca").ca().build();
        Configuration serverConfig = with(with(fixture.rest(serverCa.issue("jobmanager").build(), clientCa.certificate()),
                "security.ssl.rest.authentication-enabled", "true"), "security.ssl.provider", provider);
        Configuration clientConfig = with(with(fixture.rest(clientCa.issue("operator").build(), serverCa.certificate()),
                "security.ssl.rest.authentication-enabled", "true"), "security.ssl.provider", provider);

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(serverConfig),
                SSLUtils.createRestClientSSLEngineFactory(clientConfig),
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void hostnameVerificationAcceptsAMatchingSan(String provider) throws Exception {
        Configuration config = with(serverAndClientConfig(provider), "security.ssl.verify-hostname", "true");
        Outcome outcome = exchangeVerifying(config, "localhost");
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void hostnameVerificationRefusesAWrongSan(String provider) throws Exception {
        Configuration config = with(serverAndClientConfig(provider), "security.ssl.rest.verify-hostname", "true");
        Outcome outcome = exchangeVerifying(config, "flink-web.example.com");
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.clientFailure).hasStackTraceContaining("flink-web.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void withoutHostnameVerificationAWrongSanIsAcceptedAsInFlinkBefore23(String provider) throws Exception {
        Configuration config = serverAndClientConfig(provider);
        Outcome outcome = exchangeVerifying(config, "flink-web.example.com");
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    /** REST server and client from one configuration; the client hands {@code host} to its engine, as RestClient does. */
    private static Outcome exchangeVerifying(Configuration config, String host) throws Exception {
        return NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(config),
                SSLUtils.createRestClientSSLEngineFactory(config),
                host,
                PAYLOAD);
    }
}
