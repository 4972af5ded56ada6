package io.github.flinksslext.hostname;

import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's hostname verdicts are the JDK's: for each certificate and host below, a REST client
 * of the jar connecting to that host accepts the server exactly when a JDK engine created with
 * that host and HTTPS endpoint identification does. Both over real handshakes, with both providers.
 */
class HostnameRulesTest {

    private static final byte[] PAYLOAD = "GET /config".getBytes(StandardCharsets.UTF_8);
    private static final String[] PROVIDERS = {"JDK", "OPENSSL"};

    @TempDir
    static Path dir;

    private static Identity ca;

    @BeforeAll
    static void ca() {
        ca = TestCertificates.identity("hostname-ca").ca().build();
    }

    /** One certificate under test: its SANs ("dns:" or "ip:") and subject CNs. */
    private static final class Names {
        final List<String> sans = new ArrayList<>();
        final List<String> commonNames = new ArrayList<>();

        static Names sans(String... sans) {
            Names names = new Names();
            names.sans.addAll(List.of(sans));
            names.commonNames.add("jobmanager");
            return names;
        }

        static Names commonNames(String... commonNames) {
            Names names = new Names();
            names.commonNames.addAll(List.of(commonNames));
            return names;
        }

        Names andCommonName(String commonName) {
            commonNames.clear();
            commonNames.add(commonName);
            return this;
        }

        Identity issue() {
            TestCertificates.Builder builder = ca.issue(commonNames.get(0)).keys(TestCertificates.ecP256())
                    .moreCommonNames(commonNames.subList(1, commonNames.size()).toArray(new String[0]));
            for (String san : sans) {
                if (san.startsWith("ip:")) {
                    builder.ipAddress(san.substring(3));
                } else {
                    builder.dnsName(san.substring(4));
                }
            }
            return builder.build();
        }

        @Override
        public String toString() {
            return "SANs " + sans + ", CNs " + commonNames;
        }
    }

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(Names.sans("dns:localhost"), "localhost"),
                Arguments.of(Names.sans("dns:Example.COM"), "example.com"),
                Arguments.of(Names.sans("dns:localhost"), "LOCALHOST"),
                Arguments.of(Names.sans("dns:*.example.com"), "a.example.com"),
                Arguments.of(Names.sans("dns:*.example.com"), "a.b.example.com"),
                Arguments.of(Names.sans("dns:*.example.com"), "example.com"),
                Arguments.of(Names.sans("dns:*"), "localhost"),
                Arguments.of(Names.sans("dns:*.com"), "example.com"),
                Arguments.of(Names.sans("dns:a.*.b"), "a.x.b"),
                Arguments.of(Names.sans("dns:f*o.example.com"), "foo.example.com"),
                Arguments.of(Names.sans("dns:f*o.example.com"), "bar.example.com"),
                Arguments.of(Names.sans("dns:example.com."), "example.com"),
                Arguments.of(Names.sans("dns:example.com"), "example.com."),
                Arguments.of(Names.sans("dns:under_score.example.com"), "under_score.example.com"),
                Arguments.of(Names.sans("dns:xn--bcher-kva.example"), "b\u00fccher.example"),
                Arguments.of(Names.sans("dns:xn--bcher-kva.example"), "xn--bcher-kva.example"),
                Arguments.of(Names.sans("dns:*.example.com"), "xn--bcher-kva.example.com"),
                Arguments.of(Names.sans("ip:127.0.0.1"), "127.0.0.1"),
                Arguments.of(Names.sans("ip:127.0.0.2"), "127.0.0.1"),
                Arguments.of(Names.sans("dns:127.0.0.1"), "127.0.0.1"),
                Arguments.of(Names.sans("ip:::1"), "::1"),
                Arguments.of(Names.sans("ip:::1"), "0:0:0:0:0:0:0:1"),
                Arguments.of(Names.sans("ip:::1"), "[::1]"),
                Arguments.of(Names.sans("ip:::ffff:127.0.0.1"), "127.0.0.1"),
                Arguments.of(Names.sans("ip:127.0.0.1"), "localhost"),
                Arguments.of(Names.commonNames("localhost"), "localhost"),
                Arguments.of(Names.commonNames("127.0.0.1"), "127.0.0.1"),
                Arguments.of(Names.sans("dns:other.example").andCommonName("localhost"), "localhost"),
                Arguments.of(Names.sans("ip:10.0.0.1").andCommonName("localhost"), "localhost"),
                Arguments.of(Names.commonNames("localhost", "other.example"), "localhost"),
                Arguments.of(Names.commonNames("localhost", "other.example"), "other.example"),
                Arguments.of(Names.commonNames("*.example.com"), "a.example.com"),
                Arguments.of(Names.commonNames("*.com"), "example.com"),
                Arguments.of(Names.commonNames("a.*.b"), "a.x.b"),
                Arguments.of(Names.commonNames("f*o.example.com"), "foo.example.com"),
                Arguments.of(Names.commonNames("example.com."), "example.com"),
                Arguments.of(Names.commonNames("under_score.example.com"), "under_score.example.com"),
                Arguments.of(Names.commonNames("xn--bcher-kva.example"), "b\u00fccher.example"));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("cases")
    void theJarDecidesAsTheJdk(Names names, String host) throws Exception {
        Identity server = names.issue();
        boolean jdkAccepts = jdkAccepts(server, host);
        SSLHandlerFactory serverTls = RawPeer.server(server);
        for (String provider : PROVIDERS) {
            Configuration client = with(new TlsFixture(dir).rest(null, ca.certificate()), "security.ssl.provider", provider);
            client.setString("security.ssl.verify-hostname", "true");
            client.setString("rest.address", host);

            Outcome dialed = NettyTlsExchange.runLikeFlinksRestClient(
                    serverTls, SSLUtils.createRestClientSSLEngineFactory(client), host, PAYLOAD);
            assertThat(dialed.clientFailure == null)
                    .as("%s, connected to %s (the JDK %s it): %s", provider, host, jdkAccepts ? "accepts" : "refuses",
                            dialed.failureMessages())
                    .isEqualTo(jdkAccepts);

            Outcome named = NettyTlsExchange.run(serverTls, SSLUtils.createRestClientSSLEngineFactory(client), host, PAYLOAD);
            assertThat(named.clientFailure == null)
                    .as("%s, engine created for %s (the JDK %s it): %s", provider, host, jdkAccepts ? "accepts" : "refuses",
                            named.failureMessages())
                    .isEqualTo(jdkAccepts);
        }
    }

    /** A JDK client engine created with the host, HTTPS endpoint identification, a handshake with the server. */
    private static boolean jdkAccepts(Identity server, String host) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        SSLEngine client = clientContext.createSSLEngine(host, 8443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.keys.getPrivate(), new char[0], server.chain);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        SSLEngine serverEngine = serverContext.createSSLEngine();
        serverEngine.setUseClientMode(false);
        try {
            InMemoryHandshake.run(client, serverEngine);
            return true;
        } catch (SSLException e) {
            return false;
        }
    }
}
