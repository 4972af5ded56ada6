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
        int packetSize = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int appSize = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        ByteBuffer clientToServer = ByteBuffer.allocate(packetSize * 4);
        ByteBuffer serverToClient = ByteBuffer.allocate(packetSize * 4);
        ByteBuffer clientApp = ByteBuffer.allocate(appSize * 2);
        ByteBuffer serverApp = ByteBuffer.allocate(appSize * 2);

        client.beginHandshake();
        server.beginHandshake();
        boolean clientDone = false;
        boolean serverDone = false;
        long[] clientBytes = {0};
        long[] serverBytes = {0};
        for (int step = 0; step < MAX_STEPS && !(clientDone && serverDone); step++) {
            clientDone = advance(client, serverToClient, clientToServer, clientApp, clientBytes) || clientDone;
            serverDone = advance(server, clientToServer, serverToClient, serverApp, serverBytes) || serverDone;
        }
        if (!(clientDone && serverDone)) {
            throw new SSLException("the handshake did not finish within " + MAX_STEPS + " steps");
        }
        String group = KeyExchangeGroups.negotiated(client).orElse(KeyExchangeGroups.negotiated(server).orElse(null));
        return new Result(client.getSession().getProtocol(), client.getSession().getCipherSuite(), group,
                clientBytes[0], serverBytes[0]);
    }

    /** One step of one engine; true once it has finished its handshake. Adds what it wrote to {@code sent[0]}. */
    private static boolean advance(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app, long[] sent)
            throws SSLException {
        HandshakeStatus status = engine.getHandshakeStatus();
        switch (status) {
            case NEED_WRAP:
                SSLEngineResult wrapped = engine.wrap(ByteBuffer.allocate(0), out);
                sent[0] += wrapped.bytesProduced();
                return finished(wrapped);
            case NEED_UNWRAP:
                in.flip();
                try {
                    SSLEngineResult result = engine.unwrap(in, app);
                    app.clear();
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

    private static boolean finished(SSLEngineResult result) {
        return result.getHandshakeStatus() == HandshakeStatus.FINISHED
                || result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }
}
