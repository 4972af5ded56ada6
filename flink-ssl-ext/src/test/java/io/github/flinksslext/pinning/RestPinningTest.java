package io.github.flinksslext.pinning;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/** REST pinning: the client pins the JobManager's certificate; with mutual TLS the server pins clients. */
class RestPinningTest {

    private static final byte[] PAYLOAD = "GET /overview".getBytes(StandardCharsets.UTF_8);
    private static final String PIN_KEY = "security.ssl.rest.cert.fingerprint";

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;
    private Identity jobManager;

    @BeforeEach
    void restCa() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("rest-ca").ca().build();
        jobManager = ca.issue("jobmanager").dnsName("localhost").build();
    }

    private Configuration server(String provider) {
        return with(fixture.rest(jobManager, ca.certificate()), "security.ssl.provider", provider);
    }

    private Configuration client(String provider, String pins) {
        return with(with(fixture.rest(null, ca.certificate()), "security.ssl.provider", provider), PIN_KEY, pins);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void clientAcceptsThePinnedServerWithHostnameVerification(String provider) throws Exception {
        Configuration client = with(client(provider, PinForms.PUBLIC_KEY_SHA256.of(jobManager.certificate())),
                "security.ssl.verify-hostname", "true");

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(server(provider)),
                SSLUtils.createRestClientSSLEngineFactory(client),
                "localhost",
                PAYLOAD);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
    }

    /** Flink's weaker pinning decides the chain; the host name is still checked, by the JDK's rules. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void pinOnlyKeepsTheHostnameCheck(String provider) throws Exception {
        Configuration client = with(with(client(provider, PinForms.SHA256_COLONS_LOWER.of(jobManager.certificate())),
                "security.ssl.rest.cert.pin-only", "true"), "security.ssl.verify-hostname", "true");
        SSLHandlerFactory server = SSLUtils.createRestServerSSLEngineFactory(server(provider));

        Outcome namedWrong = NettyTlsExchange.run(server, SSLUtils.createRestClientSSLEngineFactory(client), "flink-web.example.com", PAYLOAD);
        assertThat(namedWrong.succeeded()).isFalse();
        assertThat(namedWrong.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(namedWrong.failureMessages()).contains("flink-web.example.com");

        Outcome dialedWrong = NettyTlsExchange.runLikeFlinksRestClient(
                server, SSLUtils.createRestClientSSLEngineFactory(client), "127.0.0.1", PAYLOAD);
        assertThat(dialedWrong.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(dialedWrong.failureMessages()).contains("127.0.0.1");

        Outcome dialedRight = NettyTlsExchange.runLikeFlinksRestClient(
                server, SSLUtils.createRestClientSSLEngineFactory(client), "localhost", PAYLOAD);
        assertThat(dialedRight.succeeded()).as(dialedRight.failureMessages()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void clientRefusesAServerOfTheTrustedCaThatIsNotPinned(String provider) throws Exception {
        Identity expected = ca.issue("jobmanager-blue").build();
        Configuration client = client(provider, PinForms.SHA256_COLONS_LOWER.of(expected.certificate()));

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createRestServerSSLEngineFactory(server(provider)),
                SSLUtils.createRestClientSSLEngineFactory(client),
                PAYLOAD);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.clientFailure).as("the client refuses the server").isNotNull();
        assertThat(outcome.failureMessages())
                .contains("Certificate pinning failure: the server's certificate matches none of the pins in '" + PIN_KEY + "'")
                .contains("CN=jobmanager")
                .contains(PinForms.SHA256_COLONS_LOWER.of(expected.certificate()).toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void mutualTlsServerRefusesAnUnpinnedClientOfTheTrustedCa(String provider) throws Exception {
        Identity operator = ca.issue("operator-cli").build();
        Identity other = ca.issue("someone-else").build();
        Configuration server = with(with(server(provider), "security.ssl.rest.authentication-enabled", "true"),
                PIN_KEY, PinForms.SHA1_COLONS_UPPER.of(operator.certificate()));

        for (Identity presented : new Identity[] {operator, other}) {
            Configuration client = with(with(fixture.rest(presented, ca.certificate()), "security.ssl.provider", provider),
                    "security.ssl.rest.authentication-enabled", "true");
            Outcome outcome = NettyTlsExchange.run(
                    SSLUtils.createRestServerSSLEngineFactory(server),
                    SSLUtils.createRestClientSSLEngineFactory(client),
                    PAYLOAD);
            if (presented == operator) {
                assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
            } else {
                assertThat(outcome.serverFailure).as("the server refuses " + outcome).isNotNull();
                assertThat(outcome.failureMessages()).contains("Certificate pinning failure: the client's certificate");
            }
        }
    }
}
