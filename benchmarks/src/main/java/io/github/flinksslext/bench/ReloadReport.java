package io.github.flinksslext.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The section on what live rotation and the early per-process hook cost, from {@link ReloadBenchmark}. */
final class ReloadReport {

    static final String TITLE = "## Live rotation and the early hook";
    /** The default of security.ssl.reload.interval, for the watcher's CPU share. */
    private static final double DEFAULT_INTERVAL_MICROS = 5_000_000;

    private ReloadReport() {}

    /** The steady-state benchmarks as usual; the hook one shot per fresh JVM, in 10 forks. */
    static Collection<RunResult> run(String launcher, int forks) throws Exception {
        List<RunResult> runs = new ArrayList<>(SectionAlone.run(
                "\\.ReloadBenchmark\\.(lookAtFiles|unchangedFiles|renewedFiles)$", launcher, forks));
        runs.addAll(new Runner(new OptionsBuilder()
                .include("\\.ReloadBenchmark\\.(pekkoAloneAtProcessStart|earlyHookThenPekkoAtProcessStart)$")
                .jvm(launcher)
                .forks(10)
                .mode(Mode.SingleShotTime)
                .warmupIterations(0)
                .measurementIterations(1)
                .shouldFailOnError(true)
                .build()).run());
        return runs;
    }

    static String section(Collection<RunResult> results, String header) {
        List<Measurement> all = new ArrayList<>();
        for (RunResult result : results) {
            all.add(new Measurement(result));
        }
        StringBuilder out = new StringBuilder(TITLE).append("\n\n").append(header)
                .append("Internal TLS from PKCS12 stores (EC P-256, TLS 1.3). `lookAtFiles`: one look of the process's file")
                .append(" watcher at the keystore and truststore (read, SHA-256). `unchangedFiles`: a new context request")
                .append(" for material already built (the registry and one look; Flink's REST client asks per request")
                .append(" batch). `renewedFiles`: renewed files parsed, checked as at startup, validated by the in-memory")
                .append(" handshake and swapped in: the time from the watcher's look to new connections using them (the")
                .append(" wait for that look adds at most one `security.ssl.reload.interval`). `pekkoAloneAtProcessStart`:")
                .append(" what Pekko does at a JobManager's or TaskManager's start (load both internal stores, build its")
                .append(" SSLContext and an engine), first call in a fresh JVM, one shot per fork; `earlyHookThenPekko…`:")
                .append(" the same after the early hook (configuration remembered, PEM provider installed, Pekko's settings")
                .append(" checked, the internal key and truststore loaded as Pekko will). The difference is what the hook")
                .append(" adds to a process's start.\n\n")
                .append("| benchmark | provider | time |\n|---|---|---|\n");
        for (String method : new String[] {"lookAtFiles", "unchangedFiles", "renewedFiles"}) {
            for (String provider : new String[] {"JDK", "OPENSSL"}) {
                find(all, method, provider).ifPresent(m -> out.append("| ").append(method).append(" | ").append(provider)
                        .append(" | ").append(m.figure()).append(' ').append(m.unit).append(" |\n"));
            }
        }
        Optional<Measurement> pekko = find(all, "pekkoAloneAtProcessStart", null);
        Optional<Measurement> hook = find(all, "earlyHookThenPekkoAtProcessStart", null);
        pekko.ifPresent(m -> out.append("| pekkoAloneAtProcessStart | JDK (Pekko's engine) | ").append(m.figure()).append(' ')
                .append(m.unit).append(" |\n"));
        hook.ifPresent(m -> out.append("| earlyHookThenPekkoAtProcessStart | JDK (Pekko's engine) | ").append(m.figure())
                .append(' ').append(m.unit).append(" |\n"));
        Optional<Measurement> look = find(all, "lookAtFiles", "JDK");
        out.append('\n');
        look.ifPresent(m -> out.append("- The watcher's CPU at the default interval (5 s): **")
                .append(String.format(Locale.ROOT, "%.5f", 100 * m.score / DEFAULT_INTERVAL_MICROS))
                .append(" %** of one core per watched configuration and side.\n"));
        find(all, "renewedFiles", "OPENSSL").ifPresent(m -> out.append("- A renewal reaches new connections within one")
                .append(" interval plus **").append(m.figure()).append(' ').append(m.unit).append("** (OPENSSL).\n"));
        if (hook.isPresent() && pekko.isPresent()) {
            out.append("- The early hook adds **").append(Measurement.format(hook.get().score - pekko.get().score)).append(' ')
                    .append(hook.get().unit).append("** to a JobManager's or TaskManager's start (target: under 20 ms;")
                    .append(" single shots in fresh JVMs vary by the errors above).\n");
        }
        return out.append('\n').toString();
    }

    /** @param provider null for a benchmark without that parameter */
    private static Optional<Measurement> find(List<Measurement> all, String method, String provider) {
        for (Measurement m : all) {
            if (m.method.equals(method) && (provider == null || provider.equals(m.param("provider")))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
