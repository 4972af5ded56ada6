package io.github.flinksslext.bench;

import io.github.flinksslext.engine.InMemoryHandshake;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Bytes through TLS in 32 KiB writes (Flink's network buffer size): over loopback through Netty's
 * SslHandler, wrapping and unwrapping alone in memory, and a plain 32 KiB copy as the ceiling.
 * One operation is one 32 KiB buffer; MB/s = ops/s x 32 KiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BulkThroughputBenchmark {

    static final int BUFFER = 32 * 1024;
    private static final int BATCH = 256;

    /** One open loopback connection and a filled 32 KiB buffer to send over it. */
    abstract static class Connection {
        Loopback loopback;
        Channel channel;
        ByteBuf payload;

        void open(SSLHandlerFactory server, SSLHandlerFactory client) throws Exception {
            loopback = new Loopback(server, client);
            channel = loopback.connect(null);
            payload = filled(channel.alloc());
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            payload.release();
            channel.close().sync();
            loopback.close();
        }
    }

    /** TLS from the jar's SSLUtils with one forced suite. */
    @State(Scope.Benchmark)
    public static class Tls extends Connection {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM", "TLS13_CHACHA20"})
        public CipherChoice cipher;

        @Setup(Level.Trial)
        public void open() throws Exception {
            Configuration config = NetworkThroughputBenchmark.tls(provider, cipher);
            open(SSLUtils.createInternalServerSSLEngineFactory(config), SSLUtils.createInternalClientSSLEngineFactory(config));
        }
    }

    @State(Scope.Benchmark)
    public static class Plain extends Connection {
        @Setup(Level.Trial)
        public void open() throws Exception {
            open(null, null);
        }
    }

    /** Two engines after a handshake, for the cost of wrap and unwrap without sockets. */
    @State(Scope.Thread)
    public static class Engines {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM", "TLS13_CHACHA20"})
        public CipherChoice cipher;

        SSLEngine client;
        SSLEngine server;
        ByteBuffer plain = ByteBuffer.allocateDirect(BUFFER);
        ByteBuffer wire;
        ByteBuffer received;

        @Setup(Level.Trial)
        public void handshake() throws Exception {
            Configuration config = NetworkThroughputBenchmark.tls(provider, cipher);
            SSLHandlerFactory serverFactory = SSLUtils.createInternalServerSSLEngineFactory(config);
            SSLHandlerFactory clientFactory = SSLUtils.createInternalClientSSLEngineFactory(config);
            client = clientFactory.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
            server = serverFactory.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
            InMemoryHandshake.run(client, server);
            wire = ByteBuffer.allocateDirect(client.getSession().getPacketBufferSize() * 4);
            received = ByteBuffer.allocateDirect(server.getSession().getApplicationBufferSize() * 4);
            while (plain.hasRemaining()) {
                plain.put((byte) plain.position());
            }
        }

        @TearDown(Level.Trial)
        public void release() {
            ReferenceCountUtil.release(client);
            ReferenceCountUtil.release(server);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void loopbackTls(Tls tls) throws Exception {
        send(tls.loopback, tls.channel, tls.payload);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void loopbackPlaintext(Plain plain) throws Exception {
        send(plain.loopback, plain.channel, plain.payload);
    }

    /** Wraps one 32 KiB buffer on the client and unwraps it on the server. */
    @Benchmark
    public int wrapUnwrapInMemory(Engines engines) throws Exception {
        engines.plain.rewind();
        int produced = 0;
        while (engines.plain.hasRemaining()) {
            engines.wire.clear();
            SSLEngineResult wrapped = engines.client.wrap(engines.plain, engines.wire);
            produced += wrapped.bytesProduced();
            engines.wire.flip();
            while (engines.wire.hasRemaining()) {
                engines.received.clear();
                SSLEngineResult unwrapped = engines.server.unwrap(engines.wire, engines.received);
                if (unwrapped.getStatus() != SSLEngineResult.Status.OK) {
                    throw new IllegalStateException("unwrap: " + unwrapped);
                }
            }
        }
        return produced;
    }

    /** Two direct 32 KiB buffers. */
    @State(Scope.Thread)
    public static class Buffers {
        final ByteBuffer from = ByteBuffer.allocateDirect(BUFFER);
        final ByteBuffer to = ByteBuffer.allocateDirect(BUFFER);
    }

    /** The machine's ceiling: copying 32 KiB from one direct buffer into another. */
    @Benchmark
    public ByteBuffer copy32KiB(Buffers buffers) {
        buffers.from.rewind();
        buffers.to.clear();
        return buffers.to.put(buffers.from);
    }

    private static void send(Loopback loopback, Channel channel, ByteBuf payload) throws Exception {
        java.util.concurrent.CompletableFuture<Void> arrived = loopback.expect((long) BATCH * BUFFER);
        for (int i = 0; i < BATCH; i++) {
            channel.write(payload.retainedDuplicate());
        }
        channel.flush();
        arrived.get(60, TimeUnit.SECONDS);
    }

    static ByteBuf filled(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.directBuffer(BUFFER);
        for (int i = 0; i < BUFFER; i++) {
            buf.writeByte(i);
        }
        return buf;
    }
}
