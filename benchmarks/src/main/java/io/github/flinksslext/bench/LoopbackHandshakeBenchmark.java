package io.github.flinksslext.bench;

import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.channel.Channel;

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
 * Connections per second over loopback, each a TCP connect, a full (or resumed) mutual-TLS
 * handshake through Netty's SslHandler as Flink's NettyClient opens them, and one byte there and
 * back (a TLS 1.3 client receives its session ticket after the handshake). Flink's data-plane
 * client names the server's host and port ({@code NettyClient}, checked in 1.20.3 and 2.3.0), so a
 * reconnect to the same TaskManager may resume ("on"); "off" names none, a full handshake each time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LoopbackHandshakeBenchmark {

    @State(Scope.Benchmark)
    public static class Connections {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"RSA_2048", "RSA_4096", "EC_P256"})
        public KeyType key;

        @Param({"TLSv1.3", "TLSv1.2"})
        public String protocol;

        @Param({"off", "on"})
        public String resumption;

        Loopback loopback;
        String peerHost;

        @Setup(Level.Trial)
        public void open() throws Exception {
            InternalTls tls = InternalTls.create(key, provider, protocol, true);
            loopback = new Loopback(SSLUtils.createInternalServerSSLEngineFactory(tls.configuration),
                    SSLUtils.createInternalClientSSLEngineFactory(tls.configuration), true);
            peerHost = resumption.equals("on") ? "taskmanager-peer" : null;
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            loopback.close();
        }
    }

    @Benchmark
    public void connectAndHandshake(Connections connections) throws Exception {
        Channel channel = connections.loopback.connect(connections.peerHost);
        Loopback.roundTrip(channel);
        channel.close().sync();
    }
}
