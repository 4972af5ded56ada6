package io.github.flinksslext.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one benchmark alone and puts its section into an existing results file, replacing an older
 * one and keeping every other section: the full suite takes an hour. Usage:
 * {@code SectionAlone <key-exchange|reload|data-plane|startup-rest> <forks> <RESULTS.md>}.
 */
public final class SectionAlone {

    /** The JMH runs behind a section. */
    interface Runs {
        Collection<RunResult> run(String launcher, int forks) throws Exception;
    }

    /** How a section writes what came out, under the header. */
    interface Writer {
        String write(Collection<RunResult> runs, String header) throws Exception;
    }

    /** What a section runs and how it writes what came out. */
    private static final class Section {
        final String title;
        final Runs runs;
        final Writer writer;

        Section(String title, Runs runs, Writer writer) {
            this.title = title;
            this.runs = runs;
            this.writer = writer;
        }
    }

    private SectionAlone() {}

    private static Section section(String name) {
        switch (name) {
            case "key-exchange":
                return new Section(KeyExchangeReport.TITLE,
                        (launcher, forks) -> interleaved("\\.KeyExchangeBenchmark\\.", launcher, forks,
                                KeyExchangeBenchmark.WARMUPS),
                        (runs, header) -> KeyExchangeReport.section(runs, KeyExchangeReport.wire(), header));
            case "reload":
                return new Section(ReloadReport.TITLE, ReloadReport::run, ReloadReport::section);
            case "data-plane":
                return new Section(DataPlaneReport.TITLE, DataPlaneReport::run, DataPlaneReport::section);
            case "startup-rest":
                return new Section(StartupRestReport.TITLE, StartupRestReport::run, StartupRestReport::section);
            default:
                throw new IllegalArgumentException(
                        "unknown section '" + name + "': key-exchange, reload, data-plane or startup-rest");
        }
    }

    public static void main(String[] args) throws Exception {
        Section section = section(args[0]);
        int forks = Integer.parseInt(args[1]);
        Path results = Paths.get(args[2]).toAbsolutePath();
        String launcher = ForkClasspath.launcher(TempDirs.create("flink-ssl-ext-bench"));
        Collection<RunResult> runs = section.runs.run(launcher, forks);
        String header = "Measured alone with `SectionAlone`, not with the rest of this file:\n\n"
                + "- Command: `mvn -B -q -pl benchmarks exec:exec@" + args[0] + " -Dbench.forks=" + forks + "` ("
                + howRun(runs) + ")\n"
                + "- Date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- JVM: " + Machine.jvm() + "\n"
                + "- CPU: " + Machine.cpu() + "\n\n";
        String text = section.writer.write(runs, header);
        String existing = Files.exists(results) ? new String(Files.readAllBytes(results), StandardCharsets.UTF_8) : "";
        Files.write(results, splice(existing, section.title, text).getBytes(StandardCharsets.UTF_8));
        System.out.println(text);
        System.out.println("Section written to " + results);
    }

    /** How the runs behind a section were made, as JMH ran them: forks, warmups and iterations per kind of run. */
    static String howRun(Collection<RunResult> runs) {
        Set<String> kinds = new LinkedHashSet<>();
        for (RunResult run : runs) {
            BenchmarkParams params = run.getParams();
            // counted from the results, not the options: an interleaved run is one fork per round
            int forks = run.getBenchmarkResults().size();
            boolean inRounds = params.getForks() < forks;
            if (params.getMode() == Mode.SingleShotTime) {
                kinds.add(forks + (inRounds ? " forks in rounds" : " forks") + " of one call each in a fresh JVM");
            } else {
                String how = inRounds ? " forks in rounds of one fork per benchmark, " : " forks, ";
                kinds.add(forks + how + params.getWarmup().getCount() + " warmups of "
                        + params.getWarmup().getTime() + " and " + params.getMeasurement().getCount()
                        + " iterations of " + params.getMeasurement().getTime() + " each");
            }
        }
        return String.join("; ", kinds);
    }

    /** The benchmarks matching {@code include}: {@code forks} forks, 2 warmups and 5 iterations of 2 s each. */
    static Collection<RunResult> run(String include, String launcher, int forks) throws Exception {
        return run(include, launcher, forks, 2);
    }

    /** The benchmarks matching {@code include}: {@code forks} forks, {@code warmups} warmups and 5 iterations of 2 s each. */
    static Collection<RunResult> run(String include, String launcher, int forks, int warmups) throws Exception {
        return new Runner(options(include, launcher, forks, warmups).build()).run();
    }

    private static ChainedOptionsBuilder options(String include, String launcher, int forks, int warmups) {
        TimeValue time = TimeValue.seconds(2);
        return new OptionsBuilder()
                .include(include)
                .jvm(launcher)
                .forks(forks)
                .warmupIterations(warmups).warmupTime(time)
                .measurementIterations(5).measurementTime(time)
                .shouldFailOnError(true);
    }

    /**
     * As {@link #run(String, String, int, int)}, but in {@code forks} rounds of one fork per
     * benchmark, so that every benchmark has a fork in each stretch of the run: a shared host that
     * changes speed for minutes at a time then slows every row alike instead of the rows that ran
     * during that stretch. The forks of each benchmark are put back together, so its score and
     * error are over all of them as JMH computes them.
     */
    static Collection<RunResult> interleaved(String include, String launcher, int forks, int warmups) throws Exception {
        return inRounds(forks, options(include, launcher, 1, warmups));
    }

    /**
     * The runs of every one of {@code options} (one fork each, in the order given) {@code rounds}
     * times, each benchmark's forks put back together in the order they ran, so that fork i of
     * every benchmark is from round i ({@link PairedRatio} pairs them by that).
     */
    static Collection<RunResult> inRounds(int rounds, ChainedOptionsBuilder... options) throws Exception {
        Map<String, List<RunResult>> perBenchmark = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (ChainedOptionsBuilder runs : options) {
                for (RunResult result : new Runner(runs.forks(1).build()).run()) {
                    perBenchmark.computeIfAbsent(result.getParams().id(), id -> new ArrayList<>()).add(result);
                }
            }
        }
        List<RunResult> merged = new ArrayList<>();
        for (List<RunResult> results : perBenchmark.values()) {
            List<BenchmarkResult> perFork = new ArrayList<>();
            for (RunResult result : results) {
                perFork.addAll(result.getBenchmarkResults());
            }
            merged.add(new RunResult(results.get(0).getParams(), perFork));
        }
        return merged;
    }

    /** The benchmarks matching {@code include} once each in {@code forks} fresh JVMs: a first call, class loading included. */
    static ChainedOptionsBuilder firstCalls(String include, String launcher, int forks) {
        return new OptionsBuilder()
                .include(include)
                .jvm(launcher)
                .forks(forks)
                .mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(0)
                .measurementIterations(1)
                .shouldFailOnError(true);
    }

    /** Replaces the section if the file has one; else puts it before the hand-written analysis, or at the end. */
    static String splice(String file, String title, String section) {
        int start = file.indexOf(title);
        if (start >= 0) {
            int end = file.indexOf("\n## ", start + title.length());
            return file.substring(0, start) + section + (end < 0 ? "" : file.substring(end + 1));
        }
        int analysis = file.indexOf("## Analysis of this run");
        if (analysis >= 0) {
            return file.substring(0, analysis) + section + file.substring(analysis);
        }
        return file + (file.isEmpty() || file.endsWith("\n\n") ? "" : "\n") + section;
    }
}
