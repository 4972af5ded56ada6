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

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
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
            Path dir = TempDirs.create("flink-ssl-ext-reload");
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
     * A TaskManager's TLS start: Pekko's (load both internal stores, build its SSLContext and an
     * engine), then the jar's data-plane server and client contexts through SSLUtils, with every
     * check and the validation handshake. {@code …WithHook} runs the early hook first, as Flink's
     * {@code FileSystem.initialize} does (configuration remembered, PEM provider installed, Pekko's
     * settings checked, the internal key and truststore loaded). The difference between the two is
     * what the hook adds to a process's start beyond what the jar costs without it. Fresh store
     * files for every call, so nothing opened or validated before is reused.
     */
    @State(Scope.Thread)
    public static class TaskManagerStart {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        Configuration config;
        Map<String, String> options;

        @Setup(Level.Invocation)
        public void freshFiles() {
            config = new Configuration(InternalTls.create(KeyType.EC_P256, provider, "TLSv1.3", false).configuration);
            // Pekko takes one protocol and its suites as given: a TLS 1.3 cluster lists TLS 1.3 suites
            config.setString("security.ssl.algorithms", "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384");
            options = config.toMap();
        }

        Object start() throws Exception {
            return new Object[] {
                pekkoStart(),
                SSLUtils.createInternalServerSSLEngineFactory(config),
                SSLUtils.createInternalClientSSLEngineFactory(config)
            };
        }

        Object startAfterHook() throws Exception {
            ProcessStart.run(config, ProcessRole.CLUSTER_COMPONENT);
            return start();
        }

        /** What Pekko's SSL engine provider does at its start: stores, key and trust managers, context, engine. */
        private SSLEngine pekkoStart() throws Exception {
            KeyStore keys = load(option("keystore"), option("keystore-password"));
            KeyStore trusted = load(option("truststore"), option("truststore-password"));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, option("key-password").toCharArray());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context.createSSLEngine();
        }

        private String option(String name) {
            String internal = options.get("security.ssl.internal." + name);
            return internal != null ? internal : options.get("security.ssl." + name);
        }

        private static KeyStore load(String path, String password) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                store.load(in, password.toCharArray());
            }
            return store;
        }
    }

    /**
     * A TaskManager whose TLS start (as {@link TaskManagerStart#start}) has run in this fresh JVM,
     * so the early hook can be measured alone after it: the same work in the other order, where
     * what the two share (classes, the keystore's decryption) is already paid by the start.
     */
    @State(Scope.Thread)
    public static class StartedTaskManager {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        Configuration config;

        @Setup(Level.Iteration)
        public void started() throws Exception {
            TaskManagerStart process = new TaskManagerStart();
            process.provider = provider;
            process.freshFiles();
            process.start();
            config = process.config;
        }
    }

    /** First call in a fresh JVM, one shot per fork: class loading and cold code included. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 15, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public Object firstStartWithoutHook(TaskManagerStart process) throws Exception {
        return process.start();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 15, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public Object firstStartWithHook(TaskManagerStart process) throws Exception {
        return process.startAfterHook();
    }

    /** The same work once the code is warm: what the hook's own work costs, without class loading. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object warmStartWithoutHook(TaskManagerStart process) throws Exception {
        return process.start();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object warmStartWithHook(TaskManagerStart process) throws Exception {
        return process.startAfterHook();
    }

    /**
     * The hook's own share of a first start: its first call in a fresh JVM, after the TLS start it
     * precedes in a real process. A single shot of a few milliseconds, so far less spread than the
     * difference of two whole starts of about a second each.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 15, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public Configuration firstHookAfterStart(StartedTaskManager process) {
        ProcessStart.run(process.config, ProcessRole.CLUSTER_COMPONENT);
        return process.config;
    }
}
