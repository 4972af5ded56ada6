package io.github.flinksslext.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.flink.shaded.netty4.io.netty.buffer.CompositeByteBuf;
import org.apache.flink.shaded.netty4.io.netty.buffer.PooledByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.embedded.EmbeddedChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The event-loop work TLS adds per Flink network buffer, one thread, no sockets: what Flink's
 * {@code PartitionRequestQueue} writes for one buffer (a small header, then the 32 KiB buffer, then
 * a flush) goes through the sending side's SslHandler, and the records it produced through the
 * receiving side's SslHandler into the next handler, which is where Flink's decoder would read
 * them. Both handlers come from the jar's SSLUtils as Flink gets them; PLAINTEXT has none. One
 * operation is one buffer; {@code readEvents}: how many reads the decoder sees in all. Profiled with
 * async-profiler, it splits the TLS work of an event loop into the cipher, BoringSSL's record
 * layer and copies, and Netty's handler.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HandlerPathBenchmark {

    private static final int HEADER = 13; // Flink's BufferResponse header before its data, roughly
    private static final int BUFFER = 32 * 1024;

    @State(Scope.Thread)
    public static class Path {
        /** PLAINTEXT: no SslHandler, the floor of moving buffers between embedded channels. */
        @Param({"PLAINTEXT", "OPENSSL", "JDK"})
        public String provider;

        @Param({"TLS13_AES128_GCM"})
        public CipherChoice cipher;

        EmbeddedChannel sender;
        EmbeddedChannel receiver;
        ByteBuf header;
        ByteBuf buffer;
        long reads;

        @Setup(Level.Trial)
        public void connect() throws Exception {
            PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
            sender = new EmbeddedChannel();
            sender.config().setAllocator(alloc);
            receiver = new EmbeddedChannel();
            receiver.config().setAllocator(alloc);
            if (!provider.equals("PLAINTEXT")) {
                Configuration config = NetworkThroughputBenchmark.tls(provider, cipher);
                sender.pipeline().addLast(SSLUtils.createInternalServerSSLEngineFactory(config).createNettySSLHandler(alloc));
                receiver.pipeline().addLast(SSLUtils.createInternalClientSSLEngineFactory(config).createNettySSLHandler(alloc));
            }
            receiver.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    reads++;
                    ((ByteBuf) msg).release();
                }
            });
            for (int step = 0; step < 100 && !(handshakeDone(sender) && handshakeDone(receiver)); step++) {
                shuttle(sender, receiver);
                shuttle(receiver, sender);
            }
            if (!handshakeDone(sender) || !handshakeDone(receiver)) {
                throw new IllegalStateException("no handshake between the embedded channels");
            }
            header = alloc.directBuffer(HEADER).writeZero(HEADER);
            buffer = alloc.directBuffer(BUFFER).writeZero(BUFFER);
            reads = 0;
        }

        @TearDown(Level.Trial)
        public void close() {
            header.release();
            buffer.release();
            sender.finishAndReleaseAll();
            receiver.finishAndReleaseAll();
        }

        private static boolean handshakeDone(EmbeddedChannel channel) {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            return tls == null || tls.handshakeFuture().isSuccess();
        }

        /** Everything {@code from} wrote, arriving at {@code to} as one socket read would bring it. */
        static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
            CompositeByteBuf read = to.alloc().compositeDirectBuffer(64);
            for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
                read.addComponent(true, (ByteBuf) out);
            }
            if (read.isReadable()) {
                to.writeInbound(read);
            } else {
                read.release();
            }
        }
    }

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Reads {
        public long readEvents;
    }

    @Benchmark
    public void oneFlinkBuffer(Path path, Reads reads) {
        long before = path.reads;
        path.sender.write(path.header.retainedDuplicate());
        path.sender.writeAndFlush(path.buffer.retainedDuplicate());
        Path.shuttle(path.sender, path.receiver);
        reads.readEvents += path.reads - before;
    }
}
