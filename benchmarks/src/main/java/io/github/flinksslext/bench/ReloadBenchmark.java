package io.github.flinksslext.bench;

import io.github.flinksslext.bootstrap.ProcessRole;
import io.github.flinksslext.bootstrap.ProcessStart;
import io.github.flinksslext.stores.FileContents;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What live rotation costs. The process's watcher looks at the files in use at every interval
 * ({@code lookAtFiles}: reading them and one SHA-256; its CPU share is this over the interval);
 * a new context request for material already built pays the same look plus the registry
 * ({@code unchangedFiles}: Flink's REST client asks per request batch); renewed files are parsed,
 * checked and validated by an in-memory handshake before the swap ({@code renewedFiles}: the time
 * from the watcher's look to new connections using them, to which the wait for the next look adds
 * at most one interval).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReloadBenchmark {

    @State(Scope.Thread)
    public static class Watched {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"EC_P256"})
        public KeyType key;

        Configuration config;
        List<Path> files;
        private byte[][][] versions;
        private int next;

        @Setup(Level.Trial)
        public void trial() throws Exception {
            InternalTls first = InternalTls.create(key, provider, "TLSv1.3", false);
            InternalTls renewed = InternalTls.create(key, provider, "TLSv1.3", false);
            Path dir = Files.createTempDirectory("flink-ssl-ext-reload");
            config = new Configuration(first.configuration);
            String keystoreKey = keyOf(config, "keystore");
            String truststoreKey = keyOf(config, "truststore");
            Path keystore = dir.resolve("keystore.p12");
            Path truststore = dir.resolve("truststore.p12");
            versions = new byte[][][] {
                {read(first, keystoreKey), read(first, truststoreKey)},
                {read(renewed, keystoreKey), read(renewed, truststoreKey)}};
            Files.write(keystore, versions[0][0]);
            Files.write(truststore, versions[0][1]);
            config.setString(keystoreKey, keystore.toString());
            config.setString(truststoreKey, truststore.toString());
            // the benchmark asks itself, as a new context request does; the watcher stays out of the way
            config.setString("security.ssl.reload.interval", "1 h");
            files = List.of(keystore, truststore);
            SSLUtils.createInternalServerSSLEngineFactory(config);
        }

        void writeNext() throws Exception {
            next ^= 1;
            Files.write(files.get(0), versions[next][0]);
            Files.write(files.get(1), versions[next][1]);
        }

        private static String keyOf(Configuration config, String store) {
            String internal = "security.ssl.internal." + store;
            return config.toMap().containsKey(internal) ? internal : "security.ssl." + store;
        }

        private static byte[] read(InternalTls tls, String option) throws Exception {
            return Files.readAllBytes(Path.of(tls.configuration.toMap().get(option)));
        }
    }

    @Benchmark
    public String lookAtFiles(Watched watched) {
        return FileContents.fingerprint(watched.files);
    }

    @Benchmark
    public SSLHandlerFactory unchangedFiles(Watched watched) throws Exception {
        return SSLUtils.createInternalServerSSLEngineFactory(watched.config);
    }

    @Benchmark
    public SSLHandlerFactory renewedFiles(Watched watched) throws Exception {
        watched.writeNext();
        return SSLUtils.createInternalServerSSLEngineFactory(watched.config);
    }

    /**
     * The early hook as a JobManager or TaskManager runs it, first call in a fresh JVM: remembering
     * the configuration, the PEM provider, Pekko's settings checked and its internal key loaded.
     */
    @State(Scope.Thread)
    public static class ProcessConfig {
        Configuration config;

        @Setup(Level.Trial)
        public void trial() {
            config = new Configuration(InternalTls.create(KeyType.EC_P256, "JDK", "TLSv1.3", false).configuration);
            // Pekko takes one protocol and its suites as given: a TLS 1.3 cluster lists TLS 1.3 suites
            config.setString("security.ssl.algorithms", "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 10, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public void earlyHookAtProcessStart(ProcessConfig process) {
        ProcessStart.run(process.config, ProcessRole.CLUSTER_COMPONENT);
    }
}
