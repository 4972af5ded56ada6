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

    ResultsReport network(Collection<RunResult> results) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder("## Data plane: Flink's own network benchmark\n\n")
                .append("`StreamNetworkThroughputBenchmark` from `flink-runtime:").append(org.apache.flink.runtime.util.EnvironmentInformation.getVersion())
                .append(":tests`, the harness behind Flink's published network figures: 4 record writers, 100 ms flush, ")
                .append("records over a real Netty connection. Records per millisecond, higher is better. `Flink's own`: Flink's ")
                .append("`SSLUtils`, in forks whose classpath lacks the drop-in jar; `drop-in jar`: this project. RSA-2048 keys.\n\n");
        BarChart chart = new BarChart("Flink network benchmark, 1000 channels", "records/ms, higher is better", false);
        for (String channels : distinct(all, "channels")) {
            Optional<Measurement> plain = Measurement.find(all, m -> m.method.equals("plaintext") && m.param("channels").equals(channels));
            out.append("### ").append(channels).append(" channels\n\n")
                    .append("| TLS | provider | cipher | records/ms | ratio to plaintext | ratio to Flink's own, same cipher |\n")
                    .append("|---|---|---|---|---|---|\n");
            plain.ifPresent(p -> out.append("| none (plaintext) | – | – | ").append(p.figure()).append(" | 1.00 | – |\n"));
            if (channels.equals("1000")) {
                plain.ifPresent(p -> chart.add("plaintext", "plaintext", p.score));
            }
            for (String method : new String[] {"upstreamFlink", "dropInJar"}) {
                for (Measurement m : all) {
                    if (!m.method.equals(method) || !m.param("channels").equals(channels)) {
                        continue;
                    }
                    String provider = method.equals("upstreamFlink") ? "JDK" : m.param("provider");
                    Optional<Measurement> upstream = Measurement.find(all, u -> u.method.equals("upstreamFlink")
                            && u.param("channels").equals(channels) && u.param("cipher").equals(m.param("cipher")));
                    out.append("| ").append(method.equals("upstreamFlink") ? "Flink's own" : "drop-in jar")
                            .append(" | ").append(provider).append(" | ").append(m.param("cipher"))
                            .append(" | ").append(m.figure())
                            .append(" | ").append(Measurement.ratio(Optional.of(m), plain))
                            .append(" | ").append(method.equals("dropInJar") ? Measurement.ratio(Optional.of(m), upstream) : "–").append(" |\n");
                    if (channels.equals("1000")) {
                        chart.add(shortCipher(m.param("cipher")), (method.equals("upstreamFlink") ? "Flink's own " : "drop-in jar ") + provider, m.score);
                    }
                }
            }
            out.append('\n');
        }
        out.append("![network](charts/network.png)\n\n");
        networkTargets(all, out);
        sections.add(out.toString());
        charts.add(new ChartFile("network.png", chart));
        return this;
    }

    private static void networkTargets(List<Measurement> all, StringBuilder out) {
        Optional<Measurement> plain = Measurement.find(all, m -> m.method.equals("plaintext") && m.param("channels").equals("1000"));
        Optional<Measurement> recommended = Measurement.find(all, m -> m.method.equals("dropInJar") && m.param("channels").equals("1000")
                && m.param("provider").equals("OPENSSL") && m.param("cipher").equals("TLS13_AES128_GCM"));
        Optional<Measurement> flinkDefault = Measurement.find(all, m -> m.method.equals("upstreamFlink") && m.param("channels").equals("1000")
                && m.param("cipher").equals("RSA_AES128_CBC"));
        out.append("Targets, 1000 channels, the jar's recommended setting (OPENSSL, TLS 1.3, AES-128-GCM):\n\n")
                .append("- against plaintext: **").append(Measurement.ratio(recommended, plain)).append("** (target at least 0.90)\n")
                .append("- against Flink's own default path (JDK, `TLS_RSA_WITH_AES_128_CBC_SHA`): **")
                .append(Measurement.ratio(recommended, flinkDefault)).append("x** (target at least 1.2x)\n\n");
    }

    ResultsReport handshakes(Collection<RunResult> results) {
        List<Measurement> all = Measurement.of(results);
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
                    Optional<Measurement> unpinned = Measurement.find(all, same.and(m -> m.method.equals("jar") && m.param("trust").equals("unpinned")));
                    Optional<Measurement> pinned = Measurement.find(all, same.and(m -> m.method.equals("jar") && m.param("trust").equals("pinned")));
                    Optional<Measurement> plain = Measurement.find(all, same.and(m -> m.method.equals("plainNetty")));
                    if (!unpinned.isPresent() && !pinned.isPresent() && !plain.isPresent()) {
                        continue;
                    }
                    out.append("| ").append(provider).append(" | ").append(key).append(" | ").append(protocol)
                            .append(" | ").append(unpinned.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(pinned.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(plain.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(Measurement.ratio(pinned, unpinned))
                            .append(" | ").append(Measurement.ratio(pinned, plain)).append(" |\n");
                    String group = key.replace("_", "-") + " " + protocol.replace("TLSv", "");
                    plain.ifPresent(m -> chart.add(group, provider + " plain Netty", m.score));
                    pinned.ifPresent(m -> chart.add(group, provider + " jar, pinned", m.score));
                }
            }
        }
        out.append("\n![handshakes](charts/handshakes.png)\n\n");
        handshakeTargets(all, out);
        countingCost(all, out);
        sections.add(out.toString());
        charts.add(new ChartFile("handshakes.png", chart));
        return this;
    }

    ResultsReport keyExchange(Collection<RunResult> results, List<List<KeyExchangeReport.Wire>> wire) {
        sections.add(KeyExchangeReport.section(results, wire, ""));
        return this;
    }

    ResultsReport reload(Collection<RunResult> results) {
        sections.add(ReloadReport.section(results, ""));
        return this;
    }

    /** The jar's handshake counting on against off, through Netty's SslHandler, same run. */
    private static void countingCost(List<Measurement> all, StringBuilder out) {
        List<Measurement> counted = new java.util.ArrayList<>();
        for (Measurement m : all) {
            if (m.method.equals("jarThroughHandlers")) {
                counted.add(m);
            }
        }
        if (counted.isEmpty()) {
            return;
        }
        out.append("### Handshake counting on and off\n\n")
                .append("`jarThroughHandlers`: the same handshake through the `SslHandler`s the jar's `SSLHandlerFactory` hands ")
                .append("Flink, in embedded channels, with the jar's handshake counting (metrics, refusal log) on and off ")
                .append("(`-Dflinksslext.handshake-counting=off`). Handshakes per second.\n\n")
                .append("| provider | key | protocol | counting on | counting off | on / off |\n|---|---|---|---|---|---|\n");
        for (String provider : distinct(counted, "provider")) {
            for (String key : distinct(counted, "key")) {
                for (String protocol : distinct(counted, "protocol")) {
                    Predicate<Measurement> same = m -> m.param("provider").equals(provider) && m.param("key").equals(key)
                            && m.param("protocol").equals(protocol);
                    Optional<Measurement> on = Measurement.find(counted, same.and(m -> m.param("counting").equals("on")));
                    Optional<Measurement> off = Measurement.find(counted, same.and(m -> m.param("counting").equals("off")));
                    if (!on.isPresent() && !off.isPresent()) {
                        continue;
                    }
                    out.append("| ").append(provider).append(" | ").append(key).append(" | ").append(protocol)
                            .append(" | ").append(on.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(off.map(Measurement::figure).orElse("–"))
                            .append(" | ").append(Measurement.ratio(on, off)).append(" |\n");
                }
            }
        }
        out.append("\n");
    }

    private static void handshakeTargets(List<Measurement> all, StringBuilder out) {
        Optional<Measurement> flinkDefault = Measurement.find(all, m -> m.method.equals("plainNetty") && m.param("provider").equals("JDK")
                && m.param("key").equals("RSA_4096") && m.param("protocol").equals("TLSv1.2"));
        Optional<Measurement> best = Measurement.find(all, m -> m.method.equals("jar") && m.param("provider").equals("OPENSSL")
                && m.param("key").equals("EC_P256") && m.param("protocol").equals("TLSv1.3") && m.param("trust").equals("pinned"));
        Optional<Measurement> bestPlain = Measurement.find(all, m -> m.method.equals("plainNetty") && m.param("provider").equals("OPENSSL")
                && m.param("key").equals("EC_P256") && m.param("protocol").equals("TLSv1.3"));
        out.append("Targets:\n\n")
                .append("- jar, OPENSSL, EC P-256, TLS 1.3, pinned against Flink's documented default (JDK, RSA-4096, TLS 1.2; ")
                .append("plain Netty, which is Flink's engine and trust manager): **").append(Measurement.ratio(best, flinkDefault))
                .append("x** (target at least 20x).\n")
                .append("- The same against plain Netty with BoringSSL, same key and protocol: **").append(Measurement.ratio(best, bestPlain))
                .append("** (target at least 0.90).\n\n");
    }

    ResultsReport connections(Collection<RunResult> results) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder("## Handshakes over loopback\n\n")
                .append("Connections per second: TCP connect plus mutual-TLS handshake through Netty's `SslHandler`, then close, ")
                .append("with the drop-in jar's internal contexts (pinned). `off`: the client names no peer host, so every ")
                .append("connection is a full handshake; `on`: it names one, as Flink's data-plane client does (`NettyClient` ")
                .append("passes the server's host and port), which lets it offer its cached session.\n\n")
                .append("| provider | key | protocol | resumption off | resumption on | on / off |\n|---|---|---|---|---|---|\n");
        for (String provider : distinct(all, "provider")) {
            for (String key : distinct(all, "key")) {
                for (String protocol : distinct(all, "protocol")) {
                    Predicate<Measurement> same = m -> m.param("provider").equals(provider) && m.param("key").equals(key)
                            && m.param("protocol").equals(protocol);
                    Optional<Measurement> off = Measurement.find(all, same.and(m -> m.param("resumption").equals("off")));
                    Optional<Measurement> on = Measurement.find(all, same.and(m -> m.param("resumption").equals("on")));
                    if (off.isPresent() || on.isPresent()) {
                        out.append("| ").append(provider).append(" | ").append(key).append(" | ").append(protocol)
                                .append(" | ").append(off.map(Measurement::figure).orElse("–"))
                                .append(" | ").append(on.map(Measurement::figure).orElse("–"))
                                .append(" | ").append(Measurement.ratio(on, off)).append(" |\n");
                    }
                }
            }
        }
        sections.add(out.append('\n').toString());
        return this;
    }

    ResultsReport bulk(Collection<RunResult> results) {
        List<Measurement> all = Measurement.of(results);
        double mib = BulkThroughputBenchmark.BUFFER / (1024.0 * 1024.0);
        StringBuilder out = new StringBuilder("## Bulk throughput, 32 KiB writes\n\n")
                .append("MiB/s (JMH ops/s x 32 KiB). `loopback`: a Netty connection on loopback with Flink's `SSLHandlerFactory` ")
                .append("(the jar's contexts) or none; `in memory`: one engine wraps, the other unwraps, no sockets; ")
                .append("`copy`: one direct 32 KiB buffer into another, the machine's ceiling.\n\n")
                .append("| path | provider | cipher | MiB/s | ratio to plaintext loopback |\n|---|---|---|---|---|\n");
        Optional<Measurement> plain = Measurement.find(all, m -> m.method.equals("loopbackPlaintext"));
        BarChart chart = new BarChart("Bulk throughput, 32 KiB writes", "MiB/s, higher is better", true);
        for (Measurement m : all) {
            String path;
            switch (m.method) {
                case "loopbackPlaintext":
                    path = "loopback, plaintext";
                    break;
                case "loopbackTls":
                    path = "loopback, TLS";
                    break;
                case "wrapUnwrapInMemory":
                    path = "in memory, wrap + unwrap";
                    break;
                default:
                    path = "copy";
            }
            out.append("| ").append(path).append(" | ").append(m.param("provider").isEmpty() ? "–" : m.param("provider"))
                    .append(" | ").append(m.param("cipher").isEmpty() ? "–" : m.param("cipher"))
                    .append(" | ").append(Measurement.format(m.score * mib))
                    .append(Double.isNaN(m.error) ? "" : " ± " + Measurement.format(m.error * mib))
                    .append(" | ").append(m.method.startsWith("loopback") ? Measurement.ratio(Optional.of(m), plain) : "–").append(" |\n");
            String group = m.param("cipher").isEmpty() ? (m.method.equals("copy32KiB") ? "copy" : "plaintext") : shortCipher(m.param("cipher"));
            String series = m.param("provider").isEmpty() ? "no TLS" : m.param("provider")
                    + (m.method.equals("loopbackTls") ? " loopback" : " in memory");
            chart.add(group, series, m.score * mib);
        }
        out.append("\n![bulk](charts/bulk.png)\n\n");
        sections.add(out.toString());
        charts.add(new ChartFile("bulk.png", chart));
        return this;
    }

    ResultsReport startup(Collection<RunResult> results) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder("## Startup\n\n")
                .append("Milliseconds to build a process's internal server and client contexts and the REST server context ")
                .append("through `SSLUtils`, from fresh store files. The drop-in jar's figure includes its checks and the in-memory ")
                .append("validation handshake; Flink's own builds without either (its OPENSSL on the same static BoringSSL, see `ForkClasspath`).\n\n")
                .append("| SSLUtils | provider | key | ms per process start |\n|---|---|---|---|\n");
        for (Measurement m : all) {
            out.append("| ").append(m.method.equals("upstreamFlink") ? "Flink's own" : "drop-in jar")
                    .append(" | ").append(m.param("provider"))
                    .append(" | ").append(m.param("key")).append(" | ").append(m.figure()).append(" |\n");
        }
        sections.add(out.append('\n').toString());
        return this;
    }

    ResultsReport memory(List<String> lines) {
        StringBuilder out = new StringBuilder("## Memory per open connection\n\n")
                .append("Measured outside JMH (`ConnectionMemory`, a JVM of its own per row, `-Xmx512m`): connections opened over ")
                .append("loopback with both ends in the process, internal contexts of the drop-in jar, EC P-256, TLS 1.3. Bytes per ")
                .append("connection (client end plus server end): heap after GC, Netty's direct memory, and the process's resident set ")
                .append("(which includes BoringSSL's native allocations). Direct memory is allocated in pooled chunks, so its per-connection figure is coarse.\n\n")
                .append("| provider | connections | heap | direct buffers | resident set |\n|---|---|---|---|---|\n");
        for (String line : lines) {
            String[] fields = line.split(" ");
            out.append("| ").append(fields[0]);
            for (int i = 1; i < fields.length; i++) {
                String value = fields[i].substring(fields[i].indexOf('=') + 1);
                out.append(" | ").append(i == 1 ? value : kib(Long.parseLong(value)));
            }
            out.append(" |\n");
        }
        sections.add(out.append('\n').toString());
        return this;
    }

    /** Chart labels short enough to sit under their bars. */
    private static String shortCipher(String cipher) {
        switch (cipher) {
            case "RSA_AES128_CBC":
                return "TLS1.2 RSA CBC";
            case "TLS12_ECDHE_AES128_GCM":
                return "TLS1.2 ECDHE GCM";
            case "TLS13_AES128_GCM":
                return "TLS1.3 AES-GCM";
            case "TLS13_CHACHA20":
                return "TLS1.3 ChaCha20";
            default:
                return cipher;
        }
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
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
        return "mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec@run -Dbench.mode=" + mode.lowerCase();
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
}
