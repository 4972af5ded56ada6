package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The section on what live rotation and the early per-process hook cost, from {@link ReloadBenchmark}. */
final class ReloadReport {

    static final String TITLE = "## Live rotation and the early hook";
    /** The default of security.ssl.reload.interval, for the watcher's CPU share. */
    private static final double DEFAULT_INTERVAL_MICROS = 5_000_000;

    private ReloadReport() {}

    private static final String[] STEADY = {"lookAtFiles", "unchangedFiles", "renewedFiles", "warmStartWithoutHook", "warmStartWithHook"};
    private static final String[] FIRST = {"firstStartWithoutHook", "firstStartWithHook", "firstHookAfterStart"};

    /**
     * The first start, one shot per fresh JVM, in this many rounds of one fork per benchmark: a single shot on two shared cores
     * spreads by about 15 %, so the hook's share is read from means over many forks.
     */
    private static final int FIRST_CALL_FORKS = 20;

    /** The steady-state benchmarks as usual; the first start one shot per fresh JVM, in {@link #FIRST_CALL_FORKS} forks. */
    static Collection<RunResult> run(String launcher, int forks) throws Exception {
        List<RunResult> runs = new ArrayList<>(SectionAlone.run(
                "\\.ReloadBenchmark\\.(" + String.join("|", STEADY) + ")$", launcher, forks));
        // in rounds: the with and without forks of each round run minutes apart at most, not a whole run
        runs.addAll(SectionAlone.inRounds(FIRST_CALL_FORKS, SectionAlone.firstCalls(
                "\\.ReloadBenchmark\\.(" + String.join("|", FIRST) + ")$", launcher, 1)));
        return runs;
    }

    static String section(Collection<RunResult> results, String header) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder(TITLE).append("\n\n").append(header)
                .append("Internal TLS from PKCS12 stores (EC P-256, TLS 1.3). `lookAtFiles`: one look of the process's file")
                .append(" watcher at the keystore and truststore (read, SHA-256). `unchangedFiles`: a new context request")
                .append(" for material already built (the registry and one look; Flink's REST client asks per request")
                .append(" batch). `renewedFiles`: renewed files parsed, checked as at startup, validated by the in-memory")
                .append(" handshake and swapped in: the time from the watcher's look to new connections using them (the")
                .append(" wait for that look adds at most one `security.ssl.reload.interval`). `…StartWithoutHook`: a")
                .append(" TaskManager's TLS start as the jar makes it without the early hook: Pekko's (both internal stores")
                .append(" loaded, its SSLContext and an engine), then the data-plane server and client contexts through the")
                .append(" jar's `SSLUtils`, every check and the validation handshake included, from fresh store files;")
                .append(" `…StartWithHook`: the early hook first, as Flink's `FileSystem.initialize` runs it (configuration")
                .append(" remembered, PEM provider installed, Pekko's settings checked, the internal key and truststore")
                .append(" loaded). `first…`: the first call in a fresh JVM, one shot per fork, class loading included;")
                .append(" `warm…`: the same work once the code is warm. `firstHookAfterStart`: the hook alone, first call in")
                .append(" a fresh JVM right after the TaskManager's TLS start: the same work in the other order, so it is")
                .append(" the hook's own share (its classes and checks; what it shares with the start, already paid),")
                .append(" without the spread of two whole starts.\n\n")
                .append("| benchmark | provider | time |\n|---|---|---|\n");
        for (String method : Stream.concat(Arrays.stream(STEADY), Arrays.stream(FIRST)).toArray(String[]::new)) {
            for (String provider : new String[] {"JDK", "OPENSSL"}) {
                Measurement.find(all, method, "provider", provider).ifPresent(m -> out.append("| ").append(method).append(" | ").append(provider)
                        .append(" | ").append(m.figure()).append(' ').append(m.unit).append(" |\n"));
            }
        }
        Optional<Measurement> look = Measurement.find(all, "lookAtFiles", "provider", "JDK");
        out.append('\n');
        look.ifPresent(m -> out.append("- The watcher's CPU at the default interval (5 s): **")
                .append(String.format(Locale.ROOT, "%.5f", 100 * m.score / DEFAULT_INTERVAL_MICROS))
                .append(" %** of one core per watched configuration and side.\n"));
        Measurement.find(all, "renewedFiles", "provider", "OPENSSL").ifPresent(m -> out.append("- A renewal reaches new connections within one")
                .append(" interval plus **").append(m.figure()).append(' ').append(m.unit).append("** (OPENSSL).\n"));
        for (String when : new String[] {"first", "warm"}) {
            for (String provider : new String[] {"JDK", "OPENSSL"}) {
                Optional<Measurement> without = Measurement.find(all, when + "StartWithoutHook", "provider", provider);
                Optional<Measurement> with = Measurement.find(all, when + "StartWithHook", "provider", provider);
                if (without.isPresent() && with.isPresent()) {
                    out.append("- What the early hook adds to a TaskManager's TLS start, ").append(when)
                            .append(when.equals("first") ? " call in a fresh JVM" : " code").append(", ").append(provider)
                            .append(": **").append(Measurement.format(with.get().score - without.get().score)).append(" ± ")
                            // the error of a difference: the two errors added in quadrature
                            .append(Measurement.format(Math.hypot(with.get().error, without.get().error))).append(' ')
                            .append(with.get().unit).append("** (").append(with.get().figure()).append(" against ")
                            .append(without.get().figure()).append("; target: under 20 ms).\n");
                }
            }
        }
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            Measurement.find(all, "firstHookAfterStart", "provider", provider).ifPresent(m -> out.append("- The hook's own share of a first")
                    .append(" start, measured alone after it, ").append(provider).append(": **").append(m.figure())
                    .append(' ').append(m.unit).append("** (target: under 20 ms).\n"));
        }
        return out.append('\n').toString();
    }
}
