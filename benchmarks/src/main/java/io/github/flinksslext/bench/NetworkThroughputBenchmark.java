package io.github.flinksslext.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.streaming.runtime.io.benchmark.StreamNetworkThroughputBenchmark;

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

import java.util.concurrent.TimeUnit;

/**
 * Flink's own network benchmark harness (StreamNetworkThroughputBenchmark from flink-runtime's
 * test jar, behind Flink's published network figures): 4 record writers, 100 ms flush, records
 * crossing a real Netty connection between two shuffle environments. Plaintext, Flink's own
 * SSLUtils (a fork whose classpath lacks the drop-in jar) and this jar, each in forks of its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(NetworkThroughputBenchmark.RECORDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NetworkThroughputBenchmark {

    static final int RECORDS = 5_000_000;
    private static final int WRITERS = 4;
    private static final int FLUSH_MS = 100;

    /** The harness around one configuration; subclasses choose the TLS. */
    public abstract static class Harness {
        private StreamNetworkThroughputBenchmark network;

        abstract int channels();

        abstract Configuration configuration() throws Exception;

        @Setup(Level.Trial)
        public void start() throws Exception {
            network = new StreamNetworkThroughputBenchmark();
            network.setUp(WRITERS, channels(), FLUSH_MS, false, false, -1, -1, configuration());
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            network.tearDown();
        }

        void run() throws Exception {
            network.executeBenchmark(RECORDS);
        }
    }

    @State(Scope.Thread)
    public static class Plaintext extends Harness {
        @Param({"1000", "100"})
        public int channels;

        @Override
        int channels() {
            return channels;
        }

        @Override
        Configuration configuration() {
            return new Configuration();
        }
    }

    /** Flink's SSLUtils: this fork starts without the drop-in jar on its classpath. */
    @State(Scope.Thread)
    public static class Upstream extends Harness {
        @Param({"1000", "100"})
        public int channels;

        @Param({"RSA_AES128_CBC", "TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM", "TLS13_CHACHA20"})
        public CipherChoice cipher;

        @Override
        int channels() {
            return channels;
        }

        @Override
        Configuration configuration() throws Exception {
            requireSslUtilsFrom("flink-runtime");
            return tls("JDK", cipher);
        }
    }

    @State(Scope.Thread)
    public static class Jar extends Harness {
        @Param({"1000", "100"})
        public int channels;

        @Param({"RSA_AES128_CBC", "TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM", "TLS13_CHACHA20"})
        public CipherChoice cipher;

        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Override
        int channels() {
            return channels;
        }

        @Override
        Configuration configuration() throws Exception {
            requireSslUtilsFrom("flink-ssl-ext");
            return tls(provider, cipher);
        }
    }

    @Benchmark
    public void plaintext(Plaintext network) throws Exception {
        network.run();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", ForkClasspath.WITHOUT_DROP_IN_JAR})
    public void upstreamFlink(Upstream network) throws Exception {
        network.run();
    }

    @Benchmark
    public void dropInJar(Jar network) throws Exception {
        network.run();
    }

    /** Internal TLS with RSA-2048 keys, as Flink's docs' keytool commands make them, and one forced suite. */
    static Configuration tls(String provider, CipherChoice cipher) {
        Configuration config = InternalTls.create(KeyType.RSA_2048, provider, cipher.protocol, false).configuration;
        config.setString("security.ssl.algorithms", cipher.suite);
        return config;
    }

    /** A fork on the wrong classpath would measure the wrong TLS code: refuse to run. */
    static void requireSslUtilsFrom(String artifact) {
        String location = SSLUtils.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        if (!location.contains("/" + artifact + "-") && !location.contains("/" + artifact + "/")) {
            throw new IllegalStateException("SSLUtils comes from " + location + ", expected " + artifact);
        }
    }
}
