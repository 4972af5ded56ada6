package io.github.flinksslext.cluster;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.Openssl;
import io.github.flinksslext.testing.Rotations;
import io.github.flinksslext.testing.Rotations.Node;
import io.github.flinksslext.testing.Rotations.SecretVolume;
import io.github.flinksslext.trust.PinVerifications;
import io.github.flinksslext.trust.PinVerifications.PinVerification;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates renewed under a running embedded cluster, as cert-manager and the kubelet deliver
 * them: internal and REST TLS from one Kubernetes secret volume (PEM, no password), the internal
 * plane pinned to the cluster's dedicated issuer. After each of a ..data swap, an atomic rename and
 * an overwrite in place, new REST and blob connections see the new certificate and a new job's
 * data-plane peers present it; a truncated key is refused and the cluster keeps working.
 */
class MiniClusterRotationIT {

    private static final long RECORDS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void renewedCertificatesReachRestBlobAndTheDataPlaneOfARunningCluster(String provider) throws Exception {
        Openssl openssl = new Openssl(dir);
        Path rootKey = openssl.ecSec1("root.key");
        Path root = openssl.ca(rootKey, "company-root", "root.crt");
        Path issuerKey = openssl.ecSec1("issuer.key");
        Path issuer = openssl.intermediate(issuerKey, "flink-cluster-issuer", root, rootKey, "issuer.crt");

        Node first = node(openssl, "node-1", issuer, issuerKey);
        SecretVolume volume = new SecretVolume(dir.resolve("secret"), first, root);
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.rest.enabled", "true");
        for (String endpoint : new String[] {"internal", "rest"}) {
            config.setString("security.ssl." + endpoint + ".keystore", volume.path().toString());
            config.setString("security.ssl." + endpoint + ".keystore-type", "PEM");
            config.setString("security.ssl." + endpoint + ".truststore", volume.path().toString());
            config.setString("security.ssl." + endpoint + ".truststore-type", "PEM");
        }
        config.setString("security.ssl.internal.cert.fingerprint", Rotations.sha256(Files.readAllBytes(issuer)));
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.reload.interval", "100 ms");
        // each job opens its own data-plane connections, so each job shows the material in use
        config.setString("taskmanager.network.tcp-connection.enable-reuse-across-jobs", "false");

        try (TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            Configuration client = config.clone();
            client.setString("rest.address", "localhost");
            client.setString("rest.port", String.valueOf(cluster.restAddress().getPort()));
            assertCluster(cluster, config, client, first, true);

            Node swapped = node(openssl, "node-swapped", issuer, issuerKey);
            volume.swapTo(swapped, root);
            assertCluster(cluster, config, client, swapped, true);

            Node renamed = node(openssl, "node-renamed", issuer, issuerKey);
            Rotations.renameOver(volume.path().resolve("tls.key"), renamed.key);
            Rotations.renameOver(volume.path().resolve("tls.crt"), renamed.certificate);
            assertCluster(cluster, config, client, renamed, true);

            Node overwritten = node(openssl, "node-overwritten", issuer, issuerKey);
            Rotations.overwrite(volume.path().resolve("tls.crt"), overwritten.certificate);
            Rotations.overwrite(volume.path().resolve("tls.key"), overwritten.key);
            assertCluster(cluster, config, client, overwritten, true);

            // a truncated key: refused, the certificate in use stays, and the next job still runs
            try (LogCapture log = new LogCapture()) {
                Rotations.overwrite(volume.path().resolve("tls.key"), Rotations.truncated(renamed.key));
                Rotations.overwrite(volume.path().resolve("tls.crt"), renamed.certificate);
                Rotations.await(() -> log.at(Level.ERROR), lines -> lines.stream().anyMatch(line ->
                        line.contains("Renewed TLS files for the internal server failed a check")), "the refusal");
            }
            assertCluster(cluster, config, client, overwritten, false);

            Node fixed = node(openssl, "node-fixed", issuer, issuerKey);
            Rotations.overwrite(volume.path().resolve("tls.crt"), fixed.certificate);
            Rotations.overwrite(volume.path().resolve("tls.key"), fixed.key);
            assertCluster(cluster, config, client, fixed, true);
        }
    }

    /** tls.crt as cert-manager writes it for a CA issuer: the leaf, then the issuer. */
    private static Node node(Openssl openssl, String name, Path issuer, Path issuerKey) throws Exception {
        Path key = openssl.ecSec1(name + ".key");
        Path leaf = openssl.issue(key, name, issuer, issuerKey, name + ".crt", "DNS:localhost");
        return new Node(key, openssl.concat(name + "-chain.crt", leaf, issuer));
    }

    /**
     * New REST and blob connections present the node's certificate, and a job runs. With
     * {@code newConnections}, the job's data plane opens connections of its own, whose peers
     * present it too; after a refused update the job may still run over the previous job's open
     * connections, so any new one must present it, but there need not be one.
     */
    private static void assertCluster(
            TlsMiniCluster cluster, Configuration config, Configuration client, Node node, boolean newConnections)
            throws Exception {
        Rotations.await(() -> restCertificate(cluster.restAddress()), node.sha256::equals, "the REST server's certificate");
        Rotations.await(() -> blobCertificate(config, cluster.blobPort()), node.sha256::equals, "the blob server's certificate");

        Instant before = Instant.now();
        KeyedSumJob.Result result = KeyedSumJob.run(cluster.remoteEnvironment(client), RECORDS);
        assertThat(result.sums).isEqualTo(KeyedSumJob.expected(RECORDS));
        String subject = "CN=" + nodeName(node);
        List<PinVerification> duringTheJob = PinVerifications.recent().stream()
                .filter(verification -> !verification.at.isBefore(before)).collect(Collectors.toList());
        if (newConnections) {
            assertThat(duringTheJob).as("data-plane peers verified during the job").isNotEmpty();
        }
        assertThat(duringTheJob).allSatisfy(verification -> assertThat(verification.peerSubject).contains(subject));
    }

    private static String nodeName(Node node) throws Exception {
        X509Certificate leaf = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(node.certificate));
        return leaf.getSubjectX500Principal().getName().replace("CN=", "");
    }

    /** A new connection to the REST port, as a browser opens one, reading what the server presents. */
    private static String restCertificate(URI rest) {
        try {
            SSLContext anyServer = SSLContext.getInstance("TLS");
            anyServer.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket socket = (SSLSocket) anyServer.getSocketFactory().createSocket(rest.getHost(), rest.getPort())) {
                socket.startHandshake();
                return Rotations.sha256((X509Certificate) socket.getSession().getPeerCertificates()[0]);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A blob client connection as a TaskManager opens one: Flink's socket factory, mutual TLS. */
    private static String blobCertificate(Configuration config, int port) {
        try (SSLSocket socket = (SSLSocket) SSLUtils.createSSLClientSocketFactory(config).createSocket("localhost", port)) {
            socket.startHandshake();
            return Rotations.sha256((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
