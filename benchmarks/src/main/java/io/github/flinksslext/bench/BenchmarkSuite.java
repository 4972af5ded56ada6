package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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

        List<RunResult> handshakes = new ArrayList<>(run(mode, HandshakeBenchmark.class.getSimpleName(), options -> options
                .param("provider", "JDK", "OPENSSL")
                .param("key", mode.values(new String[] {"RSA_4096", "EC_P256"}, names(KeyType.values()), "EC_P256"))
                .param("protocol", mode.values(new String[] {"TLSv1.3", "TLSv1.2"}, new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.3"))
                .param("trust", mode.values(new String[] {"unpinned", "pinned"}, new String[] {"unpinned", "pinned"}, "pinned"))));

        new ResultsReport(mode, System.nanoTime() - started).handshakes(handshakes).write(results);
        System.out.println("Results written to " + results);
    }

    interface Customizer {
        ChainedOptionsBuilder apply(ChainedOptionsBuilder options);
    }

    private static Collection<RunResult> run(RunMode mode, String benchmark, Customizer customizer) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include("\\." + benchmark + "\\.").shouldFailOnError(true);
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
