package io.github.flinksslext.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The data plane's targets from one run: Flink's network harness with plaintext, Flink's default
 * path, Flink's own TLS 1.3 and the jar's (JDK and the recommended OPENSSL) at 1000 and 100
 * channels, and the TLS work of one event loop per Flink buffer ({@link HandlerPathBenchmark}).
 */
final class DataPlaneReport {

    static final String TITLE = "## Data plane: the recommended setting against plaintext, one run";
    private static final String TLS13 = "TLS13_AES128_GCM";
    private static final String FLINK_DEFAULT = "RSA_AES128_CBC";

    /**
     * Warmups of Flink's harness, 2 s each. On two cores the JIT competes with the writers: single
     * forks of 30 x 2 s at 1000 channels (2026-11-29) climbed from about 4,000 records/ms to a plateau
     * of 13,000 to 15,000 after 26 s (plaintext) and 30 s (the recommended setting). With 3 warmups
     * the figures were points on that climb, and the TLS path, with more code to compile, climbed later.
     */
    static final int WARMUPS = 15;
    static final int ITERATIONS = 8;
    /** Warmups of the handler path: over the JDK its rate still rose for 14 s after 2 warmups. */
    static final int HANDLER_PATH_WARMUPS = 8;

    private DataPlaneReport() {}

    /**
     * Flink's harness in {@code rounds} rounds of one fork per setting (plaintext, Flink's own, the
     * jar), so each row is also read against another round by round ({@link PairedRatio}); then the
     * handler path in {@code rounds} forks.
     */
    static Collection<RunResult> run(String launcher, int rounds) throws Exception {
        TimeValue time = TimeValue.seconds(2);
        // every method with its own cipher list: Flink's own with its default and TLS 1.3, the jar with TLS 1.3
        List<ChainedOptionsBuilder> settings = new ArrayList<>();
        for (String[] selection : new String[][] {
            {"plaintext", TLS13}, {"upstreamFlink", FLINK_DEFAULT + "," + TLS13}, {"dropInJar", TLS13}}) {
            settings.add(new OptionsBuilder()
                    .include("\\.NetworkThroughputBenchmark\\." + selection[0] + "$")
                    .param("channels", "1000", "100")
                    .param("cipher", selection[1].split(","))
                    .param("provider", "JDK", "OPENSSL")
                    .jvm(launcher)
                    .warmupIterations(WARMUPS).warmupTime(time)
                    .measurementIterations(ITERATIONS).measurementTime(time)
                    .shouldFailOnError(true));
        }
        List<RunResult> runs = new ArrayList<>(
                SectionAlone.inRounds(rounds, settings.toArray(new ChainedOptionsBuilder[0])));
        runs.addAll(SectionAlone.run("\\.HandlerPathBenchmark\\.", launcher, rounds, HANDLER_PATH_WARMUPS));
        return runs;
    }

    static String section(Collection<RunResult> results, String header) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder(TITLE).append("\n\n").append(header)
                .append("`StreamNetworkThroughputBenchmark` (Flink's harness: 4 record writers, 100 ms flush, one Netty")
                .append(" connection), ").append(WARMUPS).append(" warmups and ").append(ITERATIONS)
                .append(" iterations of 2 s per fork (the rate climbs for about 30 s while the JIT compiles), records/ms.")
                .append(" RSA-2048 keys. Flink's default")
                .append(" path: Flink's own `SSLUtils` (forks without the jar), JDK, `TLS_RSA_WITH_AES_128_CBC_SHA`. The")
                .append(" recommended setting: the jar, OPENSSL, TLS 1.3, AES-128-GCM. The forks run in rounds of one per")
                .append(" setting; `paired by round`: the geometric mean of each round's ratio with its 95 % interval")
                .append(" (Student's t), which a host speed change between rounds leaves out.\n\n");
        for (String channels : new String[] {"1000", "100"}) {
            Predicate<Measurement> here = m -> m.method.equals("plaintext") || m.method.equals("upstreamFlink")
                    || m.method.equals("dropInJar");
            here = here.and(m -> m.param("channels").equals(channels));
            Optional<Measurement> plain = Measurement.find(all, here.and(m -> m.method.equals("plaintext")));
            Optional<Measurement> flinkDefault = Measurement.find(all, here.and(m -> m.method.equals("upstreamFlink")
                    && m.param("cipher").equals(FLINK_DEFAULT)));
            out.append("### ").append(channels).append(" channels\n\n")
                    .append("| TLS | provider | cipher | records/ms | ratio to plaintext | ratio to Flink's default path |")
                    .append(" ratio to Flink's own, same provider and cipher | the same, paired by round |")
                    .append(" to plaintext, paired by round |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Measurement m : all) {
                if (!here.test(m)) {
                    continue;
                }
                boolean jar = m.method.equals("dropInJar");
                Optional<Measurement> sameUpstream = Measurement.find(all, here.and(u -> u.method.equals("upstreamFlink")
                        && u.param("cipher").equals(m.param("cipher")) && m.param("provider").equals("JDK")));
                out.append("| ").append(m.method.equals("plaintext") ? "none (plaintext)" : jar ? "drop-in jar" : "Flink's own")
                        .append(" | ").append(m.method.equals("plaintext") ? "–" : jar ? m.param("provider") : "JDK")
                        .append(" | ").append(m.method.equals("plaintext") ? "–" : m.param("cipher"))
                        .append(" | ").append(m.figure())
                        .append(" | ").append(Measurement.ratio(Optional.of(m), plain))
                        .append(" | ").append(m.method.equals("plaintext") ? "–" : Measurement.ratio(Optional.of(m), flinkDefault))
                        .append(" | ").append(jar ? Measurement.ratio(Optional.of(m), sameUpstream) : "–")
                        .append(" | ").append(jar ? PairedRatio.figure(Optional.of(m), sameUpstream) : "–")
                        .append(" | ").append(m.method.equals("plaintext") ? "–" : PairedRatio.figure(Optional.of(m), plain)).append(" |\n");
            }
            Optional<Measurement> recommended = Measurement.find(all, here.and(m -> m.method.equals("dropInJar")
                    && m.param("provider").equals("OPENSSL")));
            out.append("\n- Recommended setting against plaintext: **").append(Measurement.ratio(recommended, plain))
                    .append("** (target ").append(channels.equals("1000") ? "0.90" : "0.95")
                    .append(", paired by round ").append(PairedRatio.figure(recommended, plain))
                    .append("); against Flink's default path: **").append(Measurement.ratio(recommended, flinkDefault)).append("x**.\n\n");
        }
        out.append("### TLS work of one event loop per Flink buffer\n\n")
                .append("`HandlerPathBenchmark`: one thread, no sockets. What Flink writes for one buffer (a 13-byte header, the")
                .append(" 32 KiB buffer, a flush) goes through the sending SslHandler, and the records through the receiving one")
                .append(" to the handler where Flink's decoder would sit; both handlers from the jar's `SSLUtils`. Buffers per")
                .append(" second and what that is in GB/s of Flink data; `reads per buffer`: the read events the decoder sees.\n\n")
                .append("| provider | buffers/s | GB/s | reads per buffer |\n|---|---|---|---|\n");
        for (Measurement m : all) {
            if (!m.method.equals("oneFlinkBuffer")) {
                continue;
            }
            Result<?> reads = m.run.getSecondaryResults().get("readEvents");
            out.append("| ").append(m.param("provider")).append(" | ").append(m.figure())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", m.score * 32 * 1024 / 1e9))
                    .append(" | ").append(reads == null ? "–" : String.format(Locale.ROOT, "%.1f", readsPerBuffer(m, reads)))
                    .append(" |\n");
        }
        return out.append('\n').toString();
    }

    /** The counter is a total over every measured iteration (2 s each); the score is their mean rate. */
    private static double readsPerBuffer(Measurement m, Result<?> reads) {
        long iterations = m.run.getBenchmarkResults().stream().mapToLong(b -> b.getIterationResults().size()).sum();
        return reads.getScore() / (m.score * iterations * 2.0);
    }
}
