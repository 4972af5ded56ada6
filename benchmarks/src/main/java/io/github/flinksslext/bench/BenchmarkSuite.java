package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import javax.net.ssl.SSLContext;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks for one mode and writes the results file and charts.
 * Usage: {@code BenchmarkSuite smoke|quick|full <results.md>}.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        RunMode mode = RunMode.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path results = Paths.get(args[1]).toAbsolutePath();
        long started = System.nanoTime();

        String launcher = ForkClasspath.launcher(TempDirs.create("flink-ssl-ext-bench"));

        String[] ciphers = networkCiphers(mode);
        // a full run warms Flink's harness as the data-plane section does: it climbs for about 30 s while the JIT compiles
        List<RunResult> network = new ArrayList<>(run(mode, launcher, NetworkThroughputBenchmark.class.getSimpleName(), options -> options
                .param("channels", mode.values(new String[] {"1000"}, new String[] {"1000", "100"}, "100"))
                .param("cipher", ciphers)
                .param("provider", "JDK", "OPENSSL")
                .warmupIterations(mode == RunMode.FULL ? DataPlaneReport.WARMUPS : mode.warmups())));

        List<RunResult> handshakes = new ArrayList<>(run(mode, launcher, HandshakeBenchmark.class.getSimpleName(), options -> options
                .param("provider", "JDK", "OPENSSL")
                .param("key", mode.values(new String[] {"RSA_4096", "EC_P256"}, names(KeyType.values()), "EC_P256"))
                .param("protocol", mode.values(new String[] {"TLSv1.3", "TLSv1.2"}, new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.3"))
                .param("trust", mode.values(new String[] {"unpinned", "pinned"}, new String[] {"unpinned", "pinned"}, "pinned"))));

        String[] bulkCiphers = mode.values(new String[] {"TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM"},
                new String[] {"TLS12_ECDHE_AES128_GCM", "TLS13_AES128_GCM", "TLS13_CHACHA20"}, "TLS13_AES128_GCM");
        // the early hook is one shot per fresh JVM outside smoke runs, so its runs are the section's own
        List<RunResult> reload = new ArrayList<>(mode == RunMode.SMOKE
                ? run(mode, launcher, ReloadBenchmark.class.getSimpleName(), options -> options)
                : ReloadReport.run(launcher, 3));

        List<RunResult> keyExchange = new ArrayList<>(run(mode, launcher, KeyExchangeBenchmark.class.getSimpleName(), options -> options
                .param("groups", mode.values(new String[] {"hybrid", "X25519"}, new String[] {"hybrid", "X25519"}, "hybrid"))
                .param("key", mode.values(new String[] {"RSA_4096", "RSA_2048"}, new String[] {"RSA_4096", "RSA_2048"}, "RSA_2048"))
                .param("certificates", mode.values(new String[] {"CA_ISSUED", "SELF_SIGNED"},
                        new String[] {"CA_ISSUED", "SELF_SIGNED"}, "CA_ISSUED"))));

        List<RunResult> bulk = new ArrayList<>(run(mode, launcher, BulkThroughputBenchmark.class.getSimpleName(), options -> options
                .param("provider", "JDK", "OPENSSL")
                .param("cipher", bulkCiphers)));

        List<RunResult> connections = new ArrayList<>(run(mode, launcher, LoopbackHandshakeBenchmark.class.getSimpleName(), options -> options
                .param("provider", "JDK", "OPENSSL")
                .param("key", mode.values(new String[] {"EC_P256"}, names(KeyType.values()), "EC_P256"))
                .param("protocol", mode.values(new String[] {"TLSv1.3"}, new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.3"))
                .param("resumption", mode.values(new String[] {"off", "on"}, new String[] {"off", "on"}, "on"))));

        // the first-call figures are single shots in fresh JVMs: SectionAlone startup-rest runs them
        List<RunResult> startup = new ArrayList<>(run(mode, launcher, ContextStartupBenchmark.class.getSimpleName(), options -> options
                .exclude("FirstCall")
                .param("provider", "JDK", "OPENSSL")
                .param("key", mode.values(new String[] {"EC_P256"}, new String[] {"RSA_2048", "EC_P256"}, "EC_P256"))));

        List<String> memory = new ArrayList<>();
        for (String provider : new String[] {"PLAINTEXT", "JDK", "OPENSSL"}) {
            memory.add(MemoryRun.measure(provider, mode == RunMode.SMOKE ? 10 : 200));
        }

        new ResultsReport(mode, System.nanoTime() - started)
                .network(network)
                .handshakes(handshakes)
                .keyExchange(keyExchange, KeyExchangeReport.wire())
                .reload(reload)
                .connections(connections)
                .bulk(bulk)
                .startup(startup)
                .memory(memory)
                .write(results);
        System.out.println("Results written to " + results);
    }

    /** Flink's old default suite only where this JVM still allows it (FLINK-39022). */
    private static String[] networkCiphers(RunMode mode) throws Exception {
        List<String> ciphers = new ArrayList<>();
        for (CipherChoice cipher : CipherChoice.values()) {
            boolean quick = cipher == CipherChoice.RSA_AES128_CBC || cipher == CipherChoice.TLS12_ECDHE_AES128_GCM
                    || cipher == CipherChoice.TLS13_AES128_GCM;
            boolean wanted = mode == RunMode.FULL || (mode == RunMode.QUICK && quick)
                    || (mode == RunMode.SMOKE && cipher == CipherChoice.TLS13_AES128_GCM);
            if (wanted && jdkAllows(cipher.suite)) {
                ciphers.add(cipher.name());
            }
        }
        return ciphers.toArray(new String[0]);
    }

    private static boolean jdkAllows(String suite) throws Exception {
        return Arrays.asList(SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites()).contains(suite);
    }

    interface Customizer {
        ChainedOptionsBuilder apply(ChainedOptionsBuilder options);
    }

    private static Collection<RunResult> run(RunMode mode, String launcher, String benchmark, Customizer customizer)
            throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("\\." + benchmark + "\\.")
                .jvm(launcher)
                .shouldFailOnError(true);
        return new Runner(customizer.apply(mode.apply(options)).build()).run();
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }
}
