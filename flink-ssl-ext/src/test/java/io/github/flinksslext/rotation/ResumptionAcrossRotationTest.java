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
import org.junit.jupiter.api.Test;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS session agreed before a rotation must not be resumed after it: a resumed session skips
 * every certificate check, so a peer the renewed trust refuses would keep its access for the
 * session's lifetime (the JDK's default, which Flink keeps: 24 hours). Flink's data-plane client
 * and the blob client connect by host and port, so they do resume. Each plane is shown resuming
 * first, so a refusal after the rotation is the rotation's doing. Nor may a handshake that starts
 * after a rotation run on the material before it.
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
    /** Connections the blob servers of a test have accepted. */
    private final AtomicInteger blobAccepts = new AtomicInteger();

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
        Object server = plane.server(this, config(plane, serverFiles.path()));
        Object oldClient = plane.client(trustingBoth(plane, "client-old", ca1, caKey1));
        Object newClient = plane.client(trustingBoth(plane, "client-new", ca2, caKey2));

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
        Object oldServer = plane.server(this, trustingBoth(plane, "server-old", ca1, caKey1));
        Object newServer = plane.server(this, trustingBoth(plane, "server-new", ca2, caKey2));
        SecretVolume clientFiles = volume("client", issue("client-old", ca1, caKey1), ca1);
        Object client = plane.client(config(plane, clientFiles.path()));

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

    /**
     * The blob server takes a connection's material when it accepts it, and Flink sets no timeout
     * on blob sockets: a client could open its connection before a rotation and send its hello
     * after it. Its handshake must be checked against the renewed trust.
     */
    @Test
    void aBlobConnectionAcceptedBeforeTheServersRotationIsRefusedWhenItsHandshakeStartsAfterIt() throws Exception {
        Plane plane = Plane.BLOB_SOCKETS;
        SecretVolume serverFiles = volume("server", issue("server-old", ca1, caKey1), ca1);
        int port = (Integer) plane.server(this, config(plane, serverFiles.path()));
        Object oldClient = plane.client(trustingBoth(plane, "client-old", ca1, caKey1));
        Object newClient = plane.client(trustingBoth(plane, "client-new", ca2, caKey2));
        ExecutorService background = Executors.newSingleThreadExecutor();
        open.add(background::shutdownNow);

        int acceptedBefore = blobAccepts.get();
        try (HeldHello held = new HeldHello(port)) {
            Future<Outcome> oldClientConnects = background.submit(() -> plane.connect(held.port(), oldClient));
            Rotations.await(blobAccepts::get, accepted -> accepted > acceptedBefore, "the server to accept the connection");

            serverFiles.swapTo(issue("server-new", ca2, caKey2), ca2);
            Rotations.await(() -> plane.connect(port, newClient), outcome -> outcome.refused == null,
                    "the server to trust the new CA");
            held.release();

            Outcome after = oldClientConnects.get(CONNECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(after.refused).as("the hello sent after the server's rotation: " + after).isNotNull();
        }
    }

    /**
     * A connection to a server, opened at once, whose client bytes are held back until released:
     * the server accepts the connection now and reads the client's hello later.
     */
    private static final class HeldHello implements AutoCloseable {
        private final ServerSocket listener;
        private final CountDownLatch released = new CountDownLatch(1);
        private final ExecutorService pumps = Executors.newCachedThreadPool();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        HeldHello(int serverPort) throws IOException {
            listener = new ServerSocket(0, 1, TestCertificates.loopback());
            pumps.submit(() -> {
                Socket client = listener.accept();
                sockets.add(client);
                Socket server = new Socket(TestCertificates.loopback(), serverPort);
                sockets.add(server);
                released.await();
                pumps.submit(() -> pump(client, server));
                pump(server, client);
                return null;
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        void release() {
            released.countDown();
        }

        private static void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // one side closed: the test reads the outcome from the client
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            pumps.shutdownNow();
        }
    }

    private Node issue(String name, Path ca, Path caKey) throws Exception {
        return Rotations.issue(openssl, name, ca, caKey);
    }

    /** A node whose certificate the CA issued, trusting both CAs: only its peer's trust can refuse it. */
    private Configuration trustingBoth(Plane plane, String name, Path ca, Path caKey) throws Exception {
        return config(plane, volume(name, issue(name, ca, caKey), bothCas).path());
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

    /**
     * Flink's blob server and client sockets (always the JDK), and the data plane's engines. A
     * server is what its clients need to reach it (the blob server's port, the data plane's handler
     * factory); a client is what connects (a socket factory, a handler factory).
     */
    enum Plane {
        BLOB_SOCKETS("JDK") {
            @Override
            Object server(ResumptionAcrossRotationTest test, Configuration config) throws Exception {
                ServerSocket socket =
                        SSLUtils.createSSLServerSocketFactory(config).createServerSocket(0, 50, TestCertificates.loopback());
                // as Flink's BlobServer: one thread accepts, each connection is served on its own thread
                ExecutorService threads = Executors.newCachedThreadPool();
                test.open.add(threads::shutdownNow);
                test.open.add(socket);
                threads.submit(() -> {
                    while (!socket.isClosed()) {
                        try {
                            Socket accepted = socket.accept();
                            test.blobAccepts.incrementAndGet();
                            threads.submit(() -> serve(accepted));
                        } catch (IOException | RuntimeException e) {
                            // closed at the end of the test, or a failed accept; the loop checks
                        }
                    }
                });
                return socket.getLocalPort();
            }

            /** Answers the client's byte with the next one, then waits for the client to close. */
            private void serve(Socket accepted) {
                try (Socket connection = accepted) {
                    connection.setSoTimeout(CONNECTION_TIMEOUT_MS);
                    connection.getOutputStream().write(connection.getInputStream().read() + 1);
                    connection.getOutputStream().flush();
                    connection.getInputStream().read();
                } catch (IOException | RuntimeException e) {
                    // a refused or closed client
                }
            }

            @Override
            Object client(Configuration config) throws Exception {
                // one factory for every connection: its JDK context holds the sessions it may resume
                return SSLUtils.createSSLClientSocketFactory(config);
            }

            @Override
            Outcome connect(Object server, Object client) {
                try (SSLSocket socket = (SSLSocket) ((SocketFactory) client).createSocket(
                        TestCertificates.loopback(), (Integer) server)) {
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

        Object server(ResumptionAcrossRotationTest test, Configuration config) throws Exception {
            return SSLUtils.createInternalServerSSLEngineFactory(config);
        }

        Object client(Configuration config) throws Exception {
            return SSLUtils.createInternalClientSSLEngineFactory(config);
        }

        /** As Flink's data-plane client connects: an engine for the server's host and port, so it may resume. */
        Outcome connect(Object server, Object client) {
            SSLEngine clientEngine = ((SSLHandlerFactory) client).createNettySSLHandler(
                    ByteBufAllocator.DEFAULT, "localhost", 6121).engine();
            SSLEngine serverEngine = ((SSLHandlerFactory) server).createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
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
}
