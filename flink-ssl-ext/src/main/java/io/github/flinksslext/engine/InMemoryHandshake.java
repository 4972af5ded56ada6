package io.github.flinksslext.engine;

import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import java.nio.ByteBuffer;

/**
 * A complete TLS handshake between a client and a server engine that wrap and unwrap into each
 * other's buffers, with no socket. Used to validate a configuration at startup and by the
 * handshake benchmarks.
 */
public final class InMemoryHandshake {

    private static final int MAX_STEPS = 1_000;
    /** Each way of a TLS 1.3 mutual handshake with EC keys and the hybrid group is under 2.5 KB. */
    private static final int INITIAL_BUFFER = 4096;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private InMemoryHandshake() {}

    /** What the two engines agreed on. */
    public static final class Result {
        private final String protocol;
        private final String cipherSuite;
        private final String keyExchangeGroup;
        private final long clientBytes;
        private final long serverBytes;

        Result(String protocol, String cipherSuite, String keyExchangeGroup, long clientBytes, long serverBytes) {
            this.protocol = protocol;
            this.cipherSuite = cipherSuite;
            this.keyExchangeGroup = keyExchangeGroup;
            this.clientBytes = clientBytes;
            this.serverBytes = serverBytes;
        }

        /** TLS record bytes the client sent during the handshake (what a network would carry, without TCP). */
        public long clientBytes() {
            return clientBytes;
        }

        public long serverBytes() {
            return serverBytes;
        }

        /** BoringSSL's name for the negotiated group; null when neither engine is OPENSSL (the JDK does not say). */
        public String keyExchangeGroup() {
            return keyExchangeGroup;
        }

        public String protocol() {
            return protocol;
        }

        public String cipherSuite() {
            return cipherSuite;
        }
    }

    /** Runs the handshake and releases both engines, whatever the outcome. */
    public static Result runAndRelease(SSLEngine client, SSLEngine server) throws SSLException {
        try {
            return run(client, server);
        } finally {
            ReferenceCountUtil.release(client);
            ReferenceCountUtil.release(server);
        }
    }

    /** Runs the handshake; the first side to refuse the other throws. */
    public static Result run(SSLEngine client, SSLEngine server) throws SSLException {
        Side clientSide = new Side(client);
        Side serverSide = new Side(server);
        client.beginHandshake();
        server.beginHandshake();
        boolean clientDone = false;
        boolean serverDone = false;
        for (int step = 0; step < MAX_STEPS && !(clientDone && serverDone); step++) {
            clientDone = clientSide.advance(serverSide) || clientDone;
            serverDone = serverSide.advance(clientSide) || serverDone;
        }
        if (!(clientDone && serverDone)) {
            throw new SSLException("the handshake did not finish within " + MAX_STEPS + " steps");
        }
        String group = KeyExchangeGroups.negotiated(client).orElse(KeyExchangeGroups.negotiated(server).orElse(null));
        return new Result(client.getSession().getProtocol(), client.getSession().getCipherSuite(), group,
                clientSide.sent, serverSide.sent);
    }

    /**
     * One engine and what it has sent that its peer has not read yet. The buffers start at the size
     * of a TLS 1.3 handshake flight and grow when the engine asks for more room: sizing them for the
     * largest records (the session's packet and application buffer sizes, about 18 and 16 KB each)
     * cost about 200 KB of zeroed memory per handshake for flights of a few KB.
     */
    private static final class Side {
        private final SSLEngine engine;
        /** Written by this engine, read by the peer; in write mode between steps. */
        private ByteBuffer out = ByteBuffer.allocate(INITIAL_BUFFER);
        /** Application data unwrapped during the handshake: none is expected, it is discarded. */
        private ByteBuffer app = ByteBuffer.allocate(INITIAL_BUFFER);
        private long sent;

        Side(SSLEngine engine) {
            this.engine = engine;
        }

        /** One step of this engine; true once it has finished its handshake. */
        boolean advance(Side peer) throws SSLException {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    SSLEngineResult wrapped = engine.wrap(NOTHING, out);
                    sent += wrapped.bytesProduced();
                    // OpenSSL fills what room there is and wraps the rest next time; the JDK wants a
                    // whole packet's room: either way, a full buffer grows, so a record larger than
                    // the buffer never waits for a peer that waits for the rest of it
                    if (wrapped.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW || !out.hasRemaining()) {
                        out = grown(out, engine.getSession().getPacketBufferSize());
                    }
                    return wrapped.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW && finished(wrapped);
                case NEED_UNWRAP:
                    ByteBuffer in = peer.out;
                    in.flip();
                    try {
                        SSLEngineResult result = engine.unwrap(in, app);
                        app.clear();
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            app = ByteBuffer.allocate(Math.max(app.capacity() * 2,
                                    engine.getSession().getApplicationBufferSize()));
                            return false;
                        }
                        return finished(result);
                    } finally {
                        in.compact();
                    }
                case NEED_TASK:
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    return false;
                default:
                    return true;
            }
        }

        /** A buffer with what {@code full} holds and room for at least {@code room} more bytes. */
        private static ByteBuffer grown(ByteBuffer full, int room) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(full.capacity() * 2, full.position() + room));
            full.flip();
            return bigger.put(full);
        }
    }

    private static boolean finished(SSLEngineResult result) {
        return result.getHandshakeStatus() == HandshakeStatus.FINISHED
                || result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }
}
