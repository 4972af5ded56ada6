package io.github.flinksslext.bench;

import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory per open TLS connection, measured in a JVM of its own (JMH measures time, not this):
 * opens connections over loopback, both ends in this process, and reports heap after GC, Netty's
 * direct memory and the process's resident set, each per connection (client and server end).
 * Usage: {@code ConnectionMemory <PLAINTEXT|JDK|OPENSSL> <connections>}; prints one line.
 */
public final class ConnectionMemory {

    private ConnectionMemory() {}

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        int connections = Integer.parseInt(args[1]);
        InternalTls tls = InternalTls.create(KeyType.EC_P256, provider.equals("PLAINTEXT") ? "JDK" : provider, "TLSv1.3", true);
        try (Loopback loopback = provider.equals("PLAINTEXT")
                ? new Loopback(null, null)
                : new Loopback(SSLUtils.createInternalServerSSLEngineFactory(tls.configuration),
                        SSLUtils.createInternalClientSSLEngineFactory(tls.configuration))) {
            // warm up: classes, pools, the first handshake's one-off allocations
            List<Channel> open = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                open.add(loopback.connect(null));
            }
            Snapshot before = Snapshot.take();
            for (int i = 0; i < connections; i++) {
                open.add(loopback.connect(null));
            }
            Snapshot after = Snapshot.take();
            System.out.printf(Locale.ROOT, "%s connections=%d heapPerConnection=%d directPerConnection=%d rssPerConnection=%d%n",
                    provider, connections,
                    (after.heap - before.heap) / connections,
                    (after.direct - before.direct) / connections,
                    (after.rss - before.rss) / connections);
            for (Channel channel : open) {
                channel.close().sync();
            }
        }
    }

    private static final class Snapshot {
        final long heap;
        final long direct;
        final long rss;

        private Snapshot(long heap, long direct, long rss) {
            this.heap = heap;
            this.direct = direct;
            this.rss = rss;
        }

        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            // Netty's own counter where it tracks (-1 where it does not), plus the JVM's direct buffers
            long direct = Math.max(0, org.apache.flink.shaded.netty4.io.netty.util.internal.PlatformDependent.usedDirectMemory());
            for (java.lang.management.BufferPoolMXBean pool
                    : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    direct += pool.getMemoryUsed();
                }
            }
            return new Snapshot(heap, direct, residentSetBytes());
        }

        private static long residentSetBytes() throws Exception {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        }
    }
}
