package io.github.flinksslext.rotation;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.Openssl;
import io.github.flinksslext.testing.Rotations;
import io.github.flinksslext.testing.Rotations.Node;
import io.github.flinksslext.testing.Rotations.SecretVolume;
import io.github.flinksslext.testing.TestCertificates;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import org.apache.flink.shaded.netty4.io.netty.internal.tcnative.SSL;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.SocketFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS session agreed before a rotation must not be resumed after it: a resumed session skips
 * every certificate check, so a peer the renewed trust refuses would keep its access for the
 * session's lifetime (the JDK's default, which Flink keeps: 24 hours). Flink's data-plane client
 * and the blob client connect by host and port, so they do resume. Each plane is shown resuming
 * first, so a refusal after the rotation is the rotation's doing.
 */
class ResumptionAcrossRotationTest {

    /** A blob connection that hangs fails the test instead of stalling it. */
    private static final int CONNECTION_TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    private Openssl openssl;
    private Path caKey1;
    private Path ca1;
    private Path caKey2;
    private Path ca2;
    private Path bothCas;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void authorities() throws Exception {
        openssl = new Openssl(dir);
        caKey1 = openssl.ecSec1("ca1.key");
        ca1 = openssl.ca(caKey1, "old-ca", "ca1.crt");
        caKey2 = openssl.ecSec1("ca2.key");
        ca2 = openssl.ca(caKey2, "new-ca", "ca2.crt");
        bothCas = openssl.concat("both-cas.crt", ca1, ca2);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Plane.class)
    void aServerWhoseTrustWasRenewedRefusesAClientItNoLongerTrustsInsteadOfResumingItsSession(Plane plane)
            throws Exception {
        SecretVolume serverFiles = volume("server", issue("server-old", ca1, caKey1), ca1);
        Server server = plane.server(this, config(plane, serverFiles.path()));
        // trusts both CAs: only the server's renewed trust can refuse it
        Client oldClient = plane.client(config(plane, volume("client-old", issue("client-old", ca1, caKey1), bothCas).path()));
        Client newClient = plane.client(config(plane, volume("client-new", issue("client-new", ca2, caKey2), bothCas).path()));

        Outcome first = plane.connect(server, oldClient);
        Outcome second = plane.connect(server, oldClient);
        assertThat(second.resumedFrom(first)).as("resumed before the rotation: %s, then %s", first, second).isTrue();
        assertThat(plane.connect(server, newClient).refused).as("the new CA is not trusted yet").isNotNull();

        serverFiles.swapTo(issue("server-new", ca2, caKey2), ca2);
        Rotations.await(() -> plane.connect(server, newClient), outcome -> outcome.refused == null,
                "the server to trust the new CA");

        Outcome after = plane.connect(server, oldClient);
        assertThat(after.refused).as("the old client after the server's rotation: " + after).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Plane.class)
    void aClientWhoseTrustWasRenewedRefusesAServerItNoLongerTrustsInsteadOfResumingItsSession(Plane plane)
            throws Exception {
        // trusts both CAs: only the client's renewed trust can refuse the old server
        Server oldServer = plane.server(this, config(plane, volume("server-old", issue("server-old", ca1, caKey1), bothCas).path()));
        Server newServer = plane.server(this, config(plane, volume("server-new", issue("server-new", ca2, caKey2), bothCas).path()));
        SecretVolume clientFiles = volume("client", issue("client-old", ca1, caKey1), ca1);
        Client client = plane.client(config(plane, clientFiles.path()));

        Outcome first = plane.connect(oldServer, client);
        Outcome second = plane.connect(oldServer, client);
        assertThat(second.resumedFrom(first)).as("resumed before the rotation: %s, then %s", first, second).isTrue();

        try (LogCapture log = new LogCapture()) {
            clientFiles.swapTo(issue("client-new", ca2, caKey2), ca2);
            Rotations.await(() -> plane.connect(newServer, client), outcome -> outcome.refused == null,
                    "the client to trust the new CA");
            Rotations.await(() -> log.at(Level.INFO), lines -> lines.stream().anyMatch(line ->
                    line.contains("TLS material renewed for the internal client")), "the client's rotation line");
        }

        Outcome after = plane.connect(oldServer, client);
        assertThat(after.refused).as("the old server after the client's rotation: " + after).isNotNull();
    }

    private Node issue(String name, Path ca, Path caKey) throws Exception {
        return Rotations.issue(openssl, name, ca, caKey);
    }

    private SecretVolume volume(String name, Node node, Path trusted) throws Exception {
        return new SecretVolume(dir.resolve(name), node, trusted);
    }

    private static Configuration config(Plane plane, Path files) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.internal.keystore", files.toString());
        config.setString("security.ssl.internal.keystore-type", "PEM");
        config.setString("security.ssl.internal.truststore", files.toString());
        config.setString("security.ssl.internal.truststore-type", "PEM");
        config.setString("security.ssl.provider", plane.provider);
        config.setString("security.ssl.reload.interval", "50 ms");
        return config;
    }

    /** What one connection came to: refused, or the session the client got. */
    static final class Outcome {
        final Throwable refused;
        final long creationTime;
        final boolean reportedResumed;

        Outcome(Throwable refused, long creationTime, boolean reportedResumed) {
            this.refused = refused;
            this.creationTime = creationTime;
            this.reportedResumed = reportedResumed;
        }

        /**
         * BoringSSL says whether it resumed. The JDK does not: a resumed session keeps the creation
         * time (in milliseconds) of the handshake that made it.
         */
        boolean resumedFrom(Outcome earlier) {
            return refused == null && (reportedResumed || creationTime == earlier.creationTime);
        }

        @Override
        public String toString() {
            return refused == null ? "connected, session created at " + creationTime + (reportedResumed ? ", resumed" : "")
                    : "refused: " + refused;
        }
    }

    interface Server {}

    interface Client {}

    /** Flink's blob server and client sockets (always the JDK), and the data plane's engines. */
    enum Plane {
        BLOB_SOCKETS("JDK") {
            @Override
            Server server(ResumptionAcrossRotationTest test, Configuration config) throws Exception {
                ServerSocket socket =
                        SSLUtils.createSSLServerSocketFactory(config).createServerSocket(0, 50, TestCertificates.loopback());
                ExecutorService acceptor = Executors.newSingleThreadExecutor();
                test.open.add(acceptor::shutdownNow);
                test.open.add(socket);
                acceptor.submit(() -> {
                    while (!socket.isClosed()) {
                        try (Socket accepted = socket.accept()) {
                            accepted.setSoTimeout(CONNECTION_TIMEOUT_MS);
                            accepted.getOutputStream().write(accepted.getInputStream().read() + 1);
                            accepted.getOutputStream().flush();
                            accepted.getInputStream().read();
                        } catch (IOException | RuntimeException e) {
                            // a refused or closed client; the next one is served
                        }
                    }
                });
                return new BlobServer(socket.getLocalPort());
            }

            @Override
            Client client(Configuration config) throws Exception {
                // one factory for every connection: its JDK context holds the sessions it may resume
                return new BlobClient(SSLUtils.createSSLClientSocketFactory(config));
            }

            @Override
            Outcome connect(Server server, Client client) {
                try (SSLSocket socket = (SSLSocket) ((BlobClient) client).sockets.createSocket(
                        TestCertificates.loopback(), ((BlobServer) server).port)) {
                    socket.setSoTimeout(CONNECTION_TIMEOUT_MS);
                    socket.getOutputStream().write(41);
                    socket.getOutputStream().flush();
                    int answer = socket.getInputStream().read();
                    if (answer != 42) {
                        return new Outcome(new IOException("the server closed the connection (read " + answer + ")"), 0, false);
                    }
                    SSLSession session = socket.getSession();
                    return new Outcome(null, session.getCreationTime(), false);
                } catch (SocketTimeoutException e) {
                    // neither connected nor refused: a hang must not count as a refusal
                    throw new AssertionError("the blob connection hung", e);
                } catch (IOException e) {
                    return new Outcome(e, 0, false);
                }
            }
        },
        DATA_PLANE_JDK("JDK"),
        DATA_PLANE_OPENSSL("OPENSSL");

        final String provider;

        Plane(String provider) {
            this.provider = provider;
        }

        Server server(ResumptionAcrossRotationTest test, Configuration config) throws Exception {
            return new EngineServer(SSLUtils.createInternalServerSSLEngineFactory(config));
        }

        Client client(Configuration config) throws Exception {
            return new EngineClient(SSLUtils.createInternalClientSSLEngineFactory(config));
        }

        /** As Flink's data-plane client connects: an engine for the server's host and port, so it may resume. */
        Outcome connect(Server server, Client client) {
            SSLEngine clientEngine = ((EngineClient) client).handlers.createNettySSLHandler(
                    ByteBufAllocator.DEFAULT, "localhost", 6121).engine();
            SSLEngine serverEngine = ((EngineServer) server).handlers.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
            try {
                handshakeAndFirstByte(clientEngine, serverEngine);
                boolean resumed = clientEngine instanceof ReferenceCountedOpenSslEngine
                        && SSL.isSessionReused(((ReferenceCountedOpenSslEngine) clientEngine).sslPointer());
                return new Outcome(null, clientEngine.getSession().getCreationTime(), resumed);
            } catch (IOException e) {
                return new Outcome(e, 0, false);
            } finally {
                ReferenceCountUtil.release(clientEngine);
                ReferenceCountUtil.release(serverEngine);
            }
        }

        /**
         * The handshake, then one byte from the server, as Flink's first buffer: the records before
         * it carry the server's session tickets, which the client needs to resume next time.
         */
        private static void handshakeAndFirstByte(SSLEngine client, SSLEngine server) throws IOException {
            ByteBuffer toServer = ByteBuffer.allocate(64 * 1024);
            ByteBuffer toClient = ByteBuffer.allocate(64 * 1024);
            ByteBuffer firstByte = ByteBuffer.wrap(new byte[] {42});
            ByteBuffer received = ByteBuffer.allocate(64 * 1024);
            client.beginHandshake();
            server.beginHandshake();
            for (int step = 0; step < 100 && received.position() == 0; step++) {
                runTasks(client);
                client.wrap(ByteBuffer.allocate(0), toServer);
                unwrapAll(server, toServer, ByteBuffer.allocate(64 * 1024));
                runTasks(server);
                // after the server's handshake, not as early data: BoringSSL would take it before the client's Finished
                boolean serverDone = server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
                server.wrap(serverDone ? firstByte : ByteBuffer.allocate(0), toClient);
                unwrapAll(client, toClient, received);
            }
            if (received.position() != 1 || received.get(0) != 42) {
                throw new IOException("no byte from the server after the handshake (" + received.position() + " bytes)");
            }
        }

        /** The certificate checks, which both engines hand out as delegated tasks. */
        private static void runTasks(SSLEngine engine) {
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
        }

        private static void unwrapAll(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws IOException {
            in.flip();
            try {
                while (in.hasRemaining()) {
                    SSLEngineResult result = engine.unwrap(in, out);
                    runTasks(engine);
                    if (result.bytesConsumed() == 0 && result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                        break;
                    }
                    if (result.getStatus() != SSLEngineResult.Status.OK) {
                        break;
                    }
                }
            } finally {
                in.compact();
            }
        }
    }

    private static final class BlobServer implements Server {
        final int port;

        BlobServer(int port) {
            this.port = port;
        }
    }

    private static final class BlobClient implements Client {
        final SocketFactory sockets;

        BlobClient(SocketFactory sockets) {
            this.sockets = sockets;
        }
    }

    private static final class EngineServer implements Server {
        final SSLHandlerFactory handlers;

        EngineServer(SSLHandlerFactory handlers) {
            this.handlers = handlers;
        }
    }

    private static final class EngineClient implements Client {
        final SSLHandlerFactory handlers;

        EngineClient(SSLHandlerFactory handlers) {
            this.handlers = handlers;
        }
    }
}
