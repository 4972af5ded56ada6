package io.github.flinksslext.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * What a process pays at startup: the internal server and client contexts and the REST server
 * context, built from their stores through SSLUtils. For the drop-in jar that includes parsing,
 * the checks and the in-memory validation handshake; fresh store files per invocation, so the
 * validation is never served from its cache. Flink's own SSLUtils runs in a fork without the jar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ContextStartupBenchmark {

    /** Stores generated once; copied to new files before every invocation. */
    abstract static class Stores {
        private InternalTls tls;
        Configuration configuration;

        void generate(KeyType key, String provider) {
            tls = InternalTls.create(key, provider, "TLSv1.3,TLSv1.2", false);
        }

        /** New copies of the store files, as a freshly started process reads them. */
        void freshFiles() throws Exception {
            configuration = new Configuration(tls.configuration);
            for (String option : new String[] {"security.ssl.keystore", "security.ssl.truststore"}) {
                Path original = Path.of(tls.configuration.toMap().get(option));
                Path copy = Files.createTempFile(original.getParent(), "copy", ".p12");
                Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
                configuration.setString(option, copy.toString());
            }
            configuration.setString("security.ssl.rest.enabled", "true");
        }
    }

    @State(Scope.Thread)
    public static class JarStores extends Stores {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"RSA_2048", "EC_P256"})
        public KeyType key;

        @Setup(Level.Trial)
        public void trial() {
            generate(key, provider);
        }

        @Setup(Level.Invocation)
        public void invocation() throws Exception {
            freshFiles();
        }
    }

    /** Flink's own SSLUtils, OPENSSL on the tcnative its forks get ({@link ForkClasspath}). */
    @State(Scope.Thread)
    public static class UpstreamStores extends Stores {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Param({"RSA_2048", "EC_P256"})
        public KeyType key;

        @Setup(Level.Trial)
        public void trial() {
            generate(key, provider);
        }

        @Setup(Level.Invocation)
        public void invocation() throws Exception {
            freshFiles();
        }
    }

    @Benchmark
    public Object dropInJar(JarStores stores) throws Exception {
        NetworkThroughputBenchmark.requireSslUtilsFrom("flink-ssl-ext");
        return build(stores.configuration);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", ForkClasspath.WITHOUT_DROP_IN_JAR})
    public Object upstreamFlink(UpstreamStores stores) throws Exception {
        NetworkThroughputBenchmark.requireSslUtilsFrom("flink-runtime");
        return build(stores.configuration);
    }

    /**
     * The same, as the first call in a fresh JVM (run with single shots, one per fork): what a
     * process pays with class loading and without JIT. The stores are generated before, so the
     * JDK's key store and PKCS12 classes are loaded on both sides; the jar's own are not.
     */
    @Benchmark
    public Object dropInJarFirstCall(JarStores stores) throws Exception {
        return dropInJar(stores);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", ForkClasspath.WITHOUT_DROP_IN_JAR})
    public Object upstreamFlinkFirstCall(UpstreamStores stores) throws Exception {
        return upstreamFlink(stores);
    }

    private static Object[] build(Configuration config) throws Exception {
        return new Object[] {
            SSLUtils.createInternalServerSSLEngineFactory(config),
            SSLUtils.createInternalClientSSLEngineFactory(config),
            SSLUtils.createRestServerSSLEngineFactory(config)
        };
    }
}
