package io.github.flinksslext.rotation;

import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.testing.Rotations.Node;
import io.github.flinksslext.testing.Rotations.SecretVolume;
import io.github.flinksslext.testing.Rotations.Seen;
import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.Rotations;
import io.github.flinksslext.testing.Openssl;
import io.github.flinksslext.testing.TestCertificates;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates renewed on disk while the factories Flink holds keep serving: every new connection
 * gets the new material once it passed the startup checks; a broken update is refused and the old
 * material stays. Real handshakes between the engines Flink's handler factories create.
 */
class LiveRotationTest {

    @TempDir
    Path dir;

    private Openssl openssl;
    private Path caKey;
    private Path caCert;

    @BeforeEach
    void authority() throws Exception {
        openssl = new Openssl(dir);
        caKey = openssl.ecSec1("ca.key");
        caCert = openssl.ca(caKey, "rotation-ca", "ca.crt");
    }

    private static Configuration config(String provider, Path keystore, Path truststore) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.rest.enabled", "true");
        for (String endpoint : new String[] {"internal", "rest"}) {
            config.setString("security.ssl." + endpoint + ".keystore", keystore.toString());
            config.setString("security.ssl." + endpoint + ".keystore-type", "PEM");
            config.setString("security.ssl." + endpoint + ".truststore", truststore.toString());
            config.setString("security.ssl." + endpoint + ".truststore-type", "PEM");
        }
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.reload.interval", "50 ms");
        return config;
    }

    /** The factories a running Flink process holds: created once, before any rotation. */
    private static final class Planes {
        final SSLHandlerFactory internalServer;
        final SSLHandlerFactory internalClient;
        final SSLHandlerFactory restServer;
        final SSLHandlerFactory restClient;

        Planes(Configuration config) throws Exception {
            internalServer = SSLUtils.createInternalServerSSLEngineFactory(config);
            internalClient = SSLUtils.createInternalClientSSLEngineFactory(config);
            restServer = SSLUtils.createRestServerSSLEngineFactory(config);
            restClient = SSLUtils.createRestClientSSLEngineFactory(config);
        }

        Seen internal() {
            try {
                return Rotations.handshake(internalServer, internalClient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String rest() {
            try {
                return Rotations.handshake(restServer, restClient).byClient;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Waits until both planes present the node, each way on the mutual internal plane. */
        void awaitPresenting(Node node) throws InterruptedException {
            // server and client follow the files each on their own: wait until both did
            Rotations.await(this::internal, seen -> seen.byClient.equals(node.sha256) && node.sha256.equals(seen.byServer),
                    "the internal server's and client's certificates");
            Rotations.await(this::rest, node.sha256::equals, "REST server");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aKubernetesSecretSwapIsPickedUpByEveryPlaneWithoutNewFactories(String provider) throws Exception {
        Node first = Rotations.issue(openssl, "node-1", caCert, caKey);
        SecretVolume volume = new SecretVolume(dir.resolve("secret"), first, caCert);
        Planes planes = new Planes(config(provider, volume.path(), volume.path()));
        planes.awaitPresenting(first);
        int watched = ProcessTls.get().watchedCount();

        try (LogCapture log = new LogCapture()) {
            Node second = Rotations.issue(openssl, "node-2", caCert, caKey);
            volume.swapTo(second, caCert);
            planes.awaitPresenting(second);
            // each side logs after it swapped: wait for the lines, not just the swap
            Rotations.await(() -> log.at(Level.INFO), lines -> lines.stream().anyMatch(line ->
                    line.contains("TLS material renewed for the internal server") && line.contains(second.sha256)
                            && line.contains(first.sha256)), "the internal server's rotation line");
            Rotations.await(() -> log.at(Level.INFO), lines -> lines.stream().anyMatch(line ->
                    line.contains("TLS material renewed for the rest server") && line.contains(second.sha256)),
                    "the REST server's rotation line");

            Node third = Rotations.issue(openssl, "node-3", caCert, caKey);
            volume.swapTo(third, caCert);
            planes.awaitPresenting(third);
        }
        assertThat(ProcessTls.get().watchedCount()).as("rotations add nothing to watch").isEqualTo(watched);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void anAtomicRenameAndAnOverwriteArePickedUpAndABrokenUpdateKeepsTheOldCertificate(String provider) throws Exception {
        Node first = Rotations.issue(openssl, "node-1", caCert, caKey);
        Path combined = dir.resolve("tls-combined.pem");
        Rotations.overwrite(combined, first.combined());
        Planes planes = new Planes(config(provider, combined, caCert));
        planes.awaitPresenting(first);

        Node renamed = Rotations.issue(openssl, "node-renamed", caCert, caKey);
        Rotations.renameOver(combined, renamed.combined());
        planes.awaitPresenting(renamed);

        Node overwritten = Rotations.issue(openssl, "node-overwritten", caCert, caKey);
        Rotations.overwrite(combined, overwritten.combined());
        planes.awaitPresenting(overwritten);

        try (LogCapture log = new LogCapture()) {
            Node broken = Rotations.issue(openssl, "node-broken", caCert, caKey);
            byte[] truncatedKey = Rotations.truncated(broken.key);
            byte[] brokenFile = new byte[truncatedKey.length + broken.certificate.length];
            System.arraycopy(truncatedKey, 0, brokenFile, 0, truncatedKey.length);
            System.arraycopy(broken.certificate, 0, brokenFile, truncatedKey.length, broken.certificate.length);
            Rotations.renameOver(combined, brokenFile);
            Rotations.await(() -> log.at(Level.ERROR), lines -> lines.stream().anyMatch(line ->
                    line.contains("Renewed TLS files for the internal server failed a check")
                            && line.contains(combined.toString())), "the refusal");
            // watchers of earlier tests' deleted files may log too: only this test's file counts
            assertThat(log.at(Level.ERROR)).filteredOn(line -> line.contains("internal") && line.contains(combined.toString()))
                    .isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains(overwritten.sha256)
                    .doesNotContain(new String(truncatedKey, StandardCharsets.US_ASCII).split("\n")[1]));
            assertThat(planes.internal().byClient).as("the old certificate stays in use").isEqualTo(overwritten.sha256);
            assertThat(planes.rest()).isEqualTo(overwritten.sha256);
            // a new factory (a new Flink client) asked for now gets the old material too, not an error
            assertThat(Rotations.handshake(SSLUtils.createInternalServerSSLEngineFactory(config(provider, combined, caCert)),
                    planes.internalClient).byClient).isEqualTo(overwritten.sha256);
        }

        Node fixed = Rotations.issue(openssl, "node-fixed", caCert, caKey);
        Rotations.renameOver(combined, fixed.combined());
        planes.awaitPresenting(fixed);
    }

    @Test
    void theBlobServerSocketCreatedAtStartupServesTheRenewedCertificate() throws Exception {
        Node first = Rotations.issue(openssl, "blob-1", caCert, caKey);
        Path combined = dir.resolve("blob-combined.pem");
        Rotations.overwrite(combined, first.combined());
        Configuration config = config("JDK", combined, caCert);
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket)
                SSLUtils.createSSLServerSocketFactory(config).createServerSocket(0, 50, TestCertificates.loopback())) {
            acceptor.submit(() -> {
                while (!server.isClosed()) {
                    try (SSLSocket accepted = (SSLSocket) server.accept()) {
                        accepted.startHandshake();
                        accepted.getOutputStream().write(1);
                    } catch (IOException e) {
                        // a refused or closed client; the next one is served
                    }
                }
            });
            assertThat(blobServerCertificate(config, server.getLocalPort())).isEqualTo(first.sha256);

            Node second = Rotations.issue(openssl, "blob-2", caCert, caKey);
            Rotations.renameOver(combined, second.combined());
            Rotations.await(() -> blobServerCertificate(config, server.getLocalPort()), second.sha256::equals,
                    "the blob server's new certificate");
        } finally {
            acceptor.shutdownNow();
        }
    }

    /** A blob client connection as Flink's BlobClient opens it: a new socket factory per client. */
    private static String blobServerCertificate(Configuration config, int port) {
        try (SSLSocket client = (SSLSocket)
                SSLUtils.createSSLClientSocketFactory(config).createSocket(TestCertificates.loopback(), port)) {
            client.startHandshake();
            assertThat(client.getInputStream().read()).isEqualTo(1);
            return Rotations.sha256((X509Certificate) client.getSession().getPeerCertificates()[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
