package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The section comparing the drop-in jar with Flink's own SSLUtils where a user meets them outside
 * the data plane: a process's start ({@link ContextStartupBenchmark}) and REST calls through
 * Flink's RestClusterClient ({@link RestRequestsBenchmark}). One JMH run for both.
 */
final class StartupRestReport {

    static final String TITLE = "## Startup and REST calls against Flink's own SSLUtils";

    private StartupRestReport() {}

    /** Forks of the first-call figures: one shot each; a fresh JVM's time varies by a third from one to the next. */
    static final int FIRST_CALL_FORKS = 20;

    /**
     * Warmups of the REST benchmarks, 5 s each. A request costs a full handshake on both ends, and the
     * JIT compiles that path while two cores also run the cluster and the client: over JDK the rate
     * climbs from about 35 to 65 requests/s in 35 s; over OPENSSL from about 120 to 400 in 60 to 70 s
     * (single forks of 24 x 5 s, 2026-11-29). With 8 x 5 s the OPENSSL forks were still climbing while
     * they measured, and the measurement read how fast the JIT got there; with 16 x 5 s a jar fork was
     * still climbing at 100 s in one round of three, where Flink's own had flattened at 60 s.
     */
    static final int REST_WARMUPS = 24;

    /**
     * Everything in rounds of one fork per benchmark, so that each jar / upstream pair is also read
     * round by round ({@link PairedRatio}): the warm startup figures and the REST figures (after
     * {@link #REST_WARMUPS} warmups of 5 s) in {@code rounds} rounds; the first calls, in fresh JVMs,
     * EC P-256, one shot per fork, in {@link #FIRST_CALL_FORKS} rounds.
     */
    static Collection<RunResult> run(String launcher, int rounds) throws Exception {
        TimeValue time = TimeValue.seconds(2);
        List<RunResult> runs = new ArrayList<>(SectionAlone.inRounds(rounds, new OptionsBuilder()
                .include("\\.ContextStartupBenchmark\\.(dropInJar|upstreamFlink)$")
                .param("key", "RSA_2048", "EC_P256")
                .jvm(launcher)
                .warmupIterations(2).warmupTime(time)
                .measurementIterations(5).measurementTime(time)
                .shouldFailOnError(true)));
        // every jar fork next to its upstream partner, so a pair runs a minute apart: over OPENSSL
        // the jar's default (hybrid) fork right before Flink's own, the X25519 one right after it
        runs.addAll(SectionAlone.inRounds(rounds,
                rest(launcher, "jarRequest", "JDK"), rest(launcher, "upstreamRequest", "JDK"),
                rest(launcher, "jarCommand", "JDK"), rest(launcher, "upstreamCommand", "JDK"),
                rest(launcher, "jarRequest", "OPENSSL"), rest(launcher, "upstreamRequest", "OPENSSL"),
                rest(launcher, "jarRequest", "OPENSSL").param("groups", "X25519"),
                rest(launcher, "jarCommand", "OPENSSL"), rest(launcher, "upstreamCommand", "OPENSSL"),
                rest(launcher, "jarCommand", "OPENSSL").param("groups", "X25519")));
        runs.addAll(SectionAlone.inRounds(FIRST_CALL_FORKS, SectionAlone.firstCalls(
                "\\.ContextStartupBenchmark\\.(dropInJarFirstCall|upstreamFlinkFirstCall)$", launcher, 1)
                .param("key", "EC_P256")));
        return runs;
    }

    /** One REST benchmark with one provider. */
    private static ChainedOptionsBuilder rest(String launcher, String method, String provider) {
        return new OptionsBuilder()
                .include("\\.RestRequestsBenchmark\\." + method + "$")
                .jvm(launcher)
                .warmupIterations(REST_WARMUPS).warmupTime(TimeValue.seconds(5))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .param("provider", provider)
                .shouldFailOnError(true);
    }

    static String section(Collection<RunResult> results, String header) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder(TITLE).append("\n\n").append(header)
                .append("Flink's own `SSLUtils` runs in forks without the jar. For OPENSSL those forks get Flink's shaded")
                .append(" netty-tcnative with the statically linked BoringSSL the jar bundles, as Flink's docs have OPENSSL")
                .append(" users put `flink-shaded-netty-tcnative-static` in `lib/` (Flink's `-dynamic` build links OpenSSL")
                .append(" 1.0.x and libapr, absent here). Every jar figure is compared with Flink's own for the same provider,")
                .append(" stores and options. Ratios are jar / upstream with the error of a quotient (relative errors added")
                .append(" in quadrature).\n\n")
                .append("### Startup\n\n")
                .append("Milliseconds to build a process's internal server and client contexts and its REST server context")
                .append(" through `SSLUtils`, from fresh copies of the store files per operation (PKCS12, TLS 1.3 and 1.2,")
                .append(" internal TLS unpinned, REST without client authentication), in a warm JVM (2 x 2 s of warmup). The jar's figure")
                .append(" includes every check and the in-memory startup handshakes (one per material: internal, REST);")
                .append(" Flink's has neither. The jar registers its MBeans in the background, so neither figure includes")
                .append(" creating the platform MBean server. Forks in rounds of one per benchmark; `paired by round` as below.")
                .append(" Target (issue #14): at most 1.5x.\n\n")
                .append("| provider | key | drop-in jar (ms) | Flink's own (ms) | jar / Flink | paired by round |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String key : new String[] {"RSA_2048", "EC_P256"}) {
            for (String provider : new String[] {"JDK", "OPENSSL"}) {
                Optional<Measurement> upstream = Measurement.find(all, "upstreamFlink", "provider", provider, "key", key);
                Optional<Measurement> jar = Measurement.find(all, "dropInJar", "provider", provider, "key", key);
                if (jar.isPresent() && upstream.isPresent()) {
                    out.append("| ").append(provider).append(" | ").append(key).append(" | ").append(jar.get().figure())
                            .append(" | ").append(upstream.get().figure()).append(" | ")
                            .append(ratio(jar.get(), upstream.get()))
                            .append(" | ").append(PairedRatio.figure(jar, upstream))
                            .append(" |\n");
                }
            }
        }
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            Optional<Measurement> firstUpstream = Measurement.find(all, "upstreamFlinkFirstCall", "provider", provider, "key", "EC_P256");
            Optional<Measurement> first = Measurement.find(all, "dropInJarFirstCall", "provider", provider, "key", "EC_P256");
            if (first.isPresent() && firstUpstream.isPresent()) {
                out.append("| ").append(provider).append(" | EC_P256, first call in a fresh JVM (").append(FIRST_CALL_FORKS)
                        .append(" forks) | ").append(first.get().figure()).append(" | ").append(firstUpstream.get().figure())
                        .append(" | ").append(ratio(first.get(), firstUpstream.get())).append(" | ")
                        .append(PairedRatio.figure(first, firstUpstream)).append(" |\n");
            }
        }
        out.append("\n### REST requests\n\n")
                .append("Requests per second through Flink's `RestClusterClient` (`listJobs`) against an embedded cluster")
                .append(" (one TaskManager) whose REST endpoint runs TLS 1.3 with mutual authentication, EC P-256, client")
                .append(" and cluster in the same fork and through the same `SSLUtils`. Flink's REST client opens a new")
                .append(" connection, so a new handshake, per request. `request`: one client, a request per operation;")
                .append(" `command`: a new client per operation, as one CLI command (the REST client context is asked")
                .append(" for again). Each fork warms up for ").append(REST_WARMUPS).append(" x 5 s before it measures: every")
                .append(" request is a full handshake on both ends, and the rate climbs for 60 to 100 s of them while the JIT")
                .append(" compiles that path. The forks run in rounds of one per benchmark; `paired by round`: the geometric")
                .append(" mean of each round's jar / Flink with its 95 % interval (Student's t), which a host speed change")
                .append(" between rounds leaves out. Target (issue #14): no lower than Flink's own with the same provider.\n\n")
                .append(" The jar's OPENSSL default offers the hybrid post-quantum X25519MLKEM768 first (issue #15); Flink's own")
                .append(" and the JDK negotiate X25519. The `X25519` rows set `security.ssl.rest.key-exchange-groups: X25519`,")
                .append(" the same key exchange as Flink's own.\n\n")
                .append("| benchmark | provider | jar's key exchange | drop-in jar (requests/s) | Flink's own (requests/s) |")
                .append(" jar / Flink | paired by round | each round |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        // provider, the jar's groups parameter, what the jar's engines negotiate with it
        String[][] rows = {{"JDK", "default", "X25519 (the JDK's)"}, {"OPENSSL", "default", "X25519MLKEM768 (default)"},
            {"OPENSSL", "X25519", "X25519"}};
        for (String kind : new String[] {"Request", "Command"}) {
            for (String[] row : rows) {
                Optional<Measurement> upstream = Measurement.find(all, "upstream" + kind, "provider", row[0]);
                Optional<Measurement> jar = Measurement.find(all, "jar" + kind, "provider", row[0], "groups", row[1]);
                if (jar.isPresent() && upstream.isPresent()) {
                    out.append("| ").append(kind.toLowerCase(Locale.ROOT)).append(" | ").append(row[0]).append(" | ")
                            .append(row[2]).append(" | ")
                            .append(jar.get().figure()).append(" | ").append(upstream.get().figure()).append(" | ")
                            .append(ratio(jar.get(), upstream.get()))
                            .append(" | ").append(PairedRatio.figure(jar, upstream))
                            .append(" | ")
                            .append(PairedRatio.of(jar.get(), upstream.get()).map(PairedRatio::rounds).orElse("–"))
                            .append(" |\n");
                }
            }
        }
        return out.append('\n').toString();
    }

    /** "1.23 ± 0.10": the quotient and its error, relative errors added in quadrature. */
    static String ratio(Measurement numerator, Measurement denominator) {
        if (denominator.score == 0) {
            return "–";
        }
        double ratio = numerator.score / denominator.score;
        if (Double.isNaN(numerator.error) || Double.isNaN(denominator.error)) {
            return String.format(Locale.ROOT, "%.2f", ratio);
        }
        double relative = Math.sqrt(Math.pow(numerator.error / numerator.score, 2)
                + Math.pow(denominator.error / denominator.score, 2));
        return String.format(Locale.ROOT, "%.2f ± %.2f", ratio, ratio * relative);
    }
}
