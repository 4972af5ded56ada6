package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Writes RESULTS.md and the charts beside it from one run's JMH results. */
final class ResultsReport {

    private final RunMode mode;
    private final long elapsedNanos;
    private final List<String> sections = new ArrayList<>();
    private final List<ChartFile> charts = new ArrayList<>();

    private static final class ChartFile {
        final String name;
        final BarChart chart;

        ChartFile(String name, BarChart chart) {
            this.name = name;
            this.chart = chart;
        }
    }

    ResultsReport(RunMode mode, long elapsedNanos) {
        this.mode = mode;
        this.elapsedNanos = elapsedNanos;
    }

    ResultsReport handshakes(Collection<RunResult> results) {
        List<Measurement> all = measurements(results);
        StringBuilder out = new StringBuilder("## Handshakes (in memory, mutual TLS)\n\n")
                .append("Full handshakes per second between a client and a server engine that wrap and unwrap into each other, ")
                .append("no sockets. `jar`: engines from the drop-in jar's `SSLUtils` (its trust manager, with a `sha256/` pin when ")
                .append("pinned). `plain Netty`: the same keys, protocol and suites through `SslContextBuilder` with the JDK's ")
                .append("standard trust manager: the floor the jar's own work adds to.\n\n")
                .append("| provider | key | protocol | jar unpinned | jar pinned | plain Netty | pinned / unpinned | pinned / plain Netty |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        BarChart chart = new BarChart("Mutual-TLS handshakes per second (in memory)", "handshakes/s, higher is better", true);
        for (String provider : distinct(all, "provider")) {
            for (String key : distinct(all, "key")) {
                for (String protocol : distinct(all, "protocol")) {
                    Predicate<Measurement> same = m -> m.param("provider").equals(provider) && m.param("key").equals(key)
                            && m.param("protocol").equals(protocol);
                    Optional<Measurement> unpinned = find(all, same.and(m -> m.method.equals("jar") && m.param("trust").equals("unpinned")));
                    Optional<Measurement> pinned = find(all, same.and(m -> m.method.equals("jar") && m.param("trust").equals("pinned")));
                    Optional<Measurement> plain = find(all, same.and(m -> m.method.equals("plainNetty")));
                    if (!unpinned.isPresent() && !pinned.isPresent() && !plain.isPresent()) {
                        continue;
                    }
                    out.append("| ").append(provider).append(" | ").append(key).append(" | ").append(protocol)
                            .append(" | ").append(unpinned.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(pinned.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(plain.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(ratio(pinned, unpinned))
                            .append(" | ").append(ratio(pinned, plain)).append(" |\n");
                    String group = key.replace("_", "-") + " " + protocol.replace("TLSv", "");
                    plain.ifPresent(m -> chart.add(group, provider + " plain Netty", m.score));
                    pinned.ifPresent(m -> chart.add(group, provider + " jar, pinned", m.score));
                }
            }
        }
        out.append("\n![handshakes](charts/handshakes.png)\n\n");
        handshakeTargets(all, out);
        sections.add(out.toString());
        charts.add(new ChartFile("handshakes.png", chart));
        return this;
    }

    private static void handshakeTargets(List<Measurement> all, StringBuilder out) {
        Optional<Measurement> flinkDefault = find(all, m -> m.method.equals("plainNetty") && m.param("provider").equals("JDK")
                && m.param("key").equals("RSA_4096") && m.param("protocol").equals("TLSv1.2"));
        Optional<Measurement> best = find(all, m -> m.method.equals("jar") && m.param("provider").equals("OPENSSL")
                && m.param("key").equals("EC_P256") && m.param("protocol").equals("TLSv1.3") && m.param("trust").equals("pinned"));
        Optional<Measurement> bestPlain = find(all, m -> m.method.equals("plainNetty") && m.param("provider").equals("OPENSSL")
                && m.param("key").equals("EC_P256") && m.param("protocol").equals("TLSv1.3"));
        out.append("Targets:\n\n")
                .append("- jar, OPENSSL, EC P-256, TLS 1.3, pinned against Flink's documented default (JDK, RSA-4096, TLS 1.2; ")
                .append("plain Netty, which is Flink's engine and trust manager): **").append(ratio(best, flinkDefault))
                .append("x** (target at least 20x).\n")
                .append("- The same against plain Netty with BoringSSL, same key and protocol: **").append(ratio(best, bestPlain))
                .append("** (target at least 0.90).\n\n");
    }

    void write(Path results) throws IOException {
        Path chartDir = results.getParent().resolve("charts");
        for (ChartFile chart : charts) {
            chart.chart.write(chartDir.resolve(chart.name));
        }
        StringBuilder out = new StringBuilder("# Benchmark results\n\n")
                .append("Written by `BenchmarkSuite` (").append(mode.name().toLowerCase(Locale.ROOT)).append(" mode); ")
                .append("figures are JMH scores with their 99.9% error, ratios are taken between figures of this one run.\n\n")
                .append("- Command: `").append(command()).append("`\n")
                .append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n')
                .append("- JVM: ").append(Machine.jvm()).append('\n')
                .append("- CPU: ").append(Machine.cpu()).append('\n')
                .append("- Run time: ").append(elapsedNanos / 60_000_000_000L).append(" min ")
                .append(elapsedNanos / 1_000_000_000L % 60).append(" s\n\n");
        for (String section : sections) {
            out.append(section);
        }
        Files.write(results, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String command() {
        return "mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec@run -Dbench.mode="
                + mode.name().toLowerCase(Locale.ROOT);
    }

    private static List<Measurement> measurements(Collection<RunResult> results) {
        List<Measurement> all = new ArrayList<>();
        for (RunResult result : results) {
            all.add(new Measurement(result));
        }
        return all;
    }

    private static List<String> distinct(List<Measurement> all, String param) {
        List<String> values = new ArrayList<>();
        for (Measurement m : all) {
            if (!m.param(param).isEmpty() && !values.contains(m.param(param))) {
                values.add(m.param(param));
            }
        }
        return values;
    }

    private static Optional<Measurement> find(List<Measurement> all, Predicate<Measurement> filter) {
        return all.stream().filter(filter).findFirst();
    }

    private static String ratio(Optional<Measurement> numerator, Optional<Measurement> denominator) {
        return numerator.isPresent() && denominator.isPresent()
                ? Measurement.ratio(numerator.get().score, denominator.get().score)
                : "–";
    }
}
