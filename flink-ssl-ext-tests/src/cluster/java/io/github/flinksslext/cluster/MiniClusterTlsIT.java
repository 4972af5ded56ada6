package io.github.flinksslext.cluster;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.net.SSLUtils;

import io.github.flinksslext.testing.TlsMBeans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An embedded Flink cluster with TLS everywhere through the drop-in jar: two TaskManagers, a
 * keyBy job whose records cross between them, REST with mutual TLS reached by Flink's REST client
 * and by a client that is not Flink.
 */
class MiniClusterTlsIT {

    private static final long RECORDS = 200_000;

    @TempDir
    Path dir;

    @Test
    void theJarsSslUtilsIsFirstOnTheClasspath() {
        String location = SSLUtils.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(location).as("the drop-in jar, not target/classes or flink-runtime").matches(".*flink-ssl-ext-[^/]*\\.jar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void keyedJobAcrossTwoTaskManagersWithTlsEverywhere(String provider) throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir);
        Configuration config = certificates.cluster(provider);
        try (TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            Configuration client = certificates.restClientOf(config, "localhost", cluster.restAddress().getPort());

            java.time.Instant jobStart = java.time.Instant.now();
            KeyedSumJob.Result result = KeyedSumJob.run(cluster.remoteEnvironment(client), RECORDS);
            assertThat(result.sums).isEqualTo(KeyedSumJob.expected(RECORDS));
            if (provider.equals("OPENSSL")) {
                assertDataPlaneNegotiatedTheHybridGroup(jobStart);
            }

            // Flink's own REST client, the CLI's path, lists the job it ran
            try (RestClusterClient<StandaloneClusterId> rest = new RestClusterClient<>(client, StandaloneClusterId.getInstance())) {
                Collection<JobStatusMessage> jobs = rest.listJobs().get(30, TimeUnit.SECONDS);
                assertThat(jobs).extracting(JobStatusMessage::getJobName)
                        .contains("keyed sum across TaskManagers over TLS");
            }

            // a client that is not Flink: with the operator's certificate it gets the overview
            RestProbe.Answer overview = RestProbe.get(certificates.httpClientContext(true), cluster.restAddress(), "/overview");
            assertThat(overview.status).isEqualTo(200);
            assertThat(overview.body).contains("\"taskmanagers\":2");
            assertThat(overview.protocol).isEqualTo("TLSv1.3");

            // without a certificate it is refused: REST mutual TLS
            assertThatThrownBy(() -> RestProbe.get(certificates.httpClientContext(false), cluster.restAddress(), "/overview"))
                    .isInstanceOf(IOException.class);
        }
    }

    /**
     * The job's internal connections, as their pin checks recorded them: those on OPENSSL engines
     * (the data plane) negotiated the hybrid post-quantum group, read from the live sessions. RPC and
     * blob connections run on JDK engines, which do not name their group.
     */
    private static void assertDataPlaneNegotiatedTheHybridGroup(java.time.Instant jobStart) {
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (io.github.flinksslext.trust.PinVerifications.PinVerification v : io.github.flinksslext.trust.PinVerifications.recent()) {
            if (v.optionKey.equals("security.ssl.internal.cert.fingerprint") && !v.at.isBefore(jobStart)
                    && !v.keyExchangeGroup().equals("unknown")) {
                groups.add(v.keyExchangeGroup());
            }
        }
        assertThat(groups).as("groups of the job's pin-verified OPENSSL connections").isNotEmpty().containsOnly("X25519MLKEM768");
    }

    /**
     * The jar's MBeans, read over the platform MBean server as a JMX exporter reads them: a job's
     * shuffle completes handshakes on the data plane; a REST client without a certificate and a
     * data-plane peer the pins do not name are refused, counted by cause and said at WARN.
     * Counters are per JVM and earlier tests add to them, so each check compares before and after.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void handshakesAndRefusalsShowOverJmx(String provider) throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir);
        Configuration config = certificates.cluster(provider);
        try (io.github.flinksslext.testing.LogCapture log = new io.github.flinksslext.testing.LogCapture();
                TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            long serverCompleted = TlsMBeans.count("internal", "server", "HandshakesCompleted");
            long clientCompleted = TlsMBeans.count("internal", "client", "HandshakesCompleted");
            Configuration client = certificates.restClientOf(config, "localhost", cluster.restAddress().getPort());

            KeyedSumJob.Result result = KeyedSumJob.run(cluster.remoteEnvironment(client), 20_000);
            assertThat(result.sums).isEqualTo(KeyedSumJob.expected(20_000));

            assertThat(TlsMBeans.count("internal", "server", "HandshakesCompleted")).isGreaterThan(serverCompleted);
            assertThat(TlsMBeans.count("internal", "client", "HandshakesCompleted")).isGreaterThan(clientCompleted);
            assertThat(TlsMBeans.read("internal", "server", "LastProtocol")).isEqualTo("TLSv1.3");
            assertThat((Long) TlsMBeans.read("internal", "server", "OwnCertificateNotAfter"))
                    .isEqualTo(certificates.internal.certificate().getNotAfter().toInstant().getEpochSecond());
            assertThat((Long) TlsMBeans.read("rest", "server", "EarliestSecondsLeft")).isPositive();

            // a REST client without a certificate: REST mutual TLS refuses it. One connection of a
            // socket's own: the JDK's HttpClient tries a refused GET twice.
            long noCertificate = TlsMBeans.count("rest", "server", "HandshakesFailedNoClientCertificate");
            long restFailed = TlsMBeans.count("rest", "server", "HandshakesFailed");
            SSLContext withoutCertificate = certificates.httpClientContext(false);
            try (SSLSocket socket = (SSLSocket) withoutCertificate.getSocketFactory().createSocket("localhost", cluster.restAddress().getPort())) {
                socket.startHandshake();
                socket.getOutputStream().write("GET /overview HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                // TLS 1.3: the server checks for the client's certificate after the client is done; its answer is the refusal
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(IOException.class);
            }
            assertThat(TlsMBeans.count("rest", "server", "HandshakesFailedNoClientCertificate")).isEqualTo(noCertificate + 1);
            assertThat(TlsMBeans.count("rest", "server", "HandshakesFailed")).isEqualTo(restFailed + 1);
            assertThat(log.at(org.apache.logging.log4j.Level.WARN)).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN Refused the rest server TLS handshake with ").contains("127.0.0.1")
                    .contains(": no client certificate ("));

            // a data-plane peer with a certificate of the cluster's CA that the pins do not name
            long pinMismatch = TlsMBeans.count("internal", "server", "HandshakesFailedPinMismatch");
            RestProbe.Answer taskManagers = RestProbe.get(certificates.httpClientContext(true), cluster.restAddress(), "/taskmanagers");
            java.util.regex.Matcher dataPort = java.util.regex.Pattern.compile("\"dataPort\":(\\d+)").matcher(taskManagers.body);
            assertThat(dataPort.find()).as(taskManagers.body).isTrue();
            SSLContext stranger = certificates.clientContextOf(certificates.sameCaStranger("not-pinned"));
            try (SSLSocket socket = (SSLSocket) stranger.getSocketFactory().createSocket("localhost", Integer.parseInt(dataPort.group(1)))) {
                socket.startHandshake();
                // TLS 1.3: the server checks the client's certificate after the client is done; its answer is the refusal
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(IOException.class);
            }
            assertThat(TlsMBeans.count("internal", "server", "HandshakesFailedPinMismatch")).isEqualTo(pinMismatch + 1);
            assertThat(log.at(org.apache.logging.log4j.Level.WARN)).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN Refused the internal server TLS handshake with ").contains("127.0.0.1")
                    .contains(": pin mismatch (Certificate pinning failure").contains("CN=not-pinned"));
        }
    }

    /** Without REST mutual TLS the server only authenticates itself: a client with just the truststore gets in. */
    /**
     * A REST client that offers what Flink without the jar offers (TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA
     * only) is served and said at WARN once per address, however often it connects; a client with
     * the jar's defaults still gets TLS 1.3; strict mode refuses the first, naming the option.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aClientWithFlinksDefaultsIsServedWarnedOnceAndRefusedInStrictMode(String provider) throws Exception {
        javax.net.ssl.SSLParameters flinksDefaults = new javax.net.ssl.SSLParameters(
                new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA"}, new String[] {"TLSv1.2"});
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> io.github.flinksslext.testing.TestCertificates.rsa(2048));
        javax.net.ssl.SSLContext client = certificates.httpClientContext(true);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.util.Arrays.asList(client.getDefaultSSLParameters().getCipherSuites()).contains("TLS_RSA_WITH_AES_128_CBC_SHA"),
                "this JVM disables Flink's own default suite (FLINK-39022)");
        Configuration config = certificates.cluster(provider);

        try (io.github.flinksslext.testing.LogCapture log = new io.github.flinksslext.testing.LogCapture();
                TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            RestProbe.Answer modern = RestProbe.getWhenReady(client, cluster.restAddress(), "/overview", java.time.Duration.ofSeconds(30));
            assertThat(modern.protocol).isEqualTo("TLSv1.3");
            for (int connection = 0; connection < 3; connection++) {
                RestProbe.Answer legacy = RestProbe.get(client, flinksDefaults, cluster.restAddress(), "/overview");
                assertThat(legacy.status).isEqualTo(200);
                assertThat(legacy.cipherSuite).isEqualTo("TLS_RSA_WITH_AES_128_CBC_SHA");
            }
            assertThat(log.at(org.apache.logging.log4j.Level.WARN))
                    .filteredOn(line -> line.contains("used Flink's legacy suite"))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("The REST server handshake with ").contains("127.0.0.1")
                            .contains("TLS_RSA_WITH_AES_128_CBC_SHA over TLSv1.2")
                            .contains("'security.ssl.legacy-suite.enabled: false' refuses such peers"));
        }

        config.setString("security.ssl.legacy-suite.enabled", "false");
        try (io.github.flinksslext.testing.LogCapture log = new io.github.flinksslext.testing.LogCapture();
                TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            assertThat(RestProbe.getWhenReady(client, cluster.restAddress(), "/overview", java.time.Duration.ofSeconds(30)).status)
                    .isEqualTo(200);
            assertThatThrownBy(() -> RestProbe.get(client, flinksDefaults, cluster.restAddress(), "/overview"))
                    .isInstanceOf(IOException.class);
            assertThat(log.at(org.apache.logging.log4j.Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("Refused the REST server handshake with ").contains("no cipher suite in common")
                    .contains("'security.ssl.legacy-suite.enabled: false' (strict mode) refuses"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void restServerAuthenticationOnly(String provider) throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir);
        Configuration config = certificates.cluster(provider);
        config.setString("security.ssl.rest.authentication-enabled", "false");
        try (TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            RestProbe.Answer overview = RestProbe.getWhenReady(
                    certificates.httpClientContext(false), cluster.restAddress(), "/overview", java.time.Duration.ofSeconds(30));
            assertThat(overview.status).isEqualTo(200);
            // the overview itself; how many TaskManagers have registered by now is not this test's business
            assertThat(overview.body).contains("\"taskmanagers\":").contains("\"flink-version\":");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void restClientWithHostnameVerificationChecksTheServersName(String provider) throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir);
        Configuration config = certificates.cluster(provider);
        try (TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            // the dispatcher answers once its leader is elected: until then REST says 503, which is not this test's business
            RestProbe.getWhenReady(certificates.httpClientContext(true), cluster.restAddress(), "/overview",
                    java.time.Duration.ofSeconds(30));
            int port = cluster.restAddress().getPort();
            Configuration matching = certificates.restClientOf(config, "localhost", port);
            matching.setString("security.ssl.verify-hostname", "true");
            try (RestClusterClient<StandaloneClusterId> rest = new RestClusterClient<>(matching, StandaloneClusterId.getInstance())) {
                assertThat(rest.listJobs().get(30, TimeUnit.SECONDS)).isEmpty();
            }

            // the REST certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry
            Configuration mismatching = certificates.restClientOf(config, "127.0.0.1", port);
            mismatching.setString("security.ssl.verify-hostname", "true");
            try (RestClusterClient<StandaloneClusterId> rest = new RestClusterClient<>(mismatching, StandaloneClusterId.getInstance())) {
                Throwable refused = catchThrowable(() -> rest.listJobs().get(30, TimeUnit.SECONDS));
                assertThat(refused).isNotNull();
                assertThat(refused).hasStackTraceContaining("127.0.0.1");
            }
        }
    }

    /** A pin Flink cannot parse keeps the cluster running (above); a wrong one stops it, in this jar's words. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aPinThatDoesNotMatchStopsTheCluster(String provider) throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir);
        Configuration config = certificates.cluster(provider);
        config.setString("security.ssl.internal.cert.fingerprint",
                ClusterCertificates.sha256(certificates.sameCaStranger("not-the-cluster").certificate()));

        Throwable failure = catchThrowable(() -> TlsMiniCluster.start(config).close());

        assertThat(failure).isNotNull();
        assertThat(failure).hasStackTraceContaining("Invalid TLS setting 'security.ssl.internal.cert.fingerprint'");
    }
}
