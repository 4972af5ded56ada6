package io.github.flinksslext.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * Runs only {@link KeyExchangeBenchmark} and puts its section into an existing results file,
 * replacing an older one and keeping every other section: the full suite takes an hour.
 * Usage: {@code KeyExchangeComparison <forks> <RESULTS.md>}.
 */
public final class KeyExchangeComparison {

    private KeyExchangeComparison() {}

    public static void main(String[] args) throws Exception {
        int forks = Integer.parseInt(args[0]);
        Path results = Paths.get(args[1]).toAbsolutePath();
        String launcher = ForkClasspath.launcher(Files.createTempDirectory("flink-ssl-ext-bench"));
        TimeValue time = TimeValue.seconds(2);
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include("\\." + KeyExchangeBenchmark.class.getSimpleName() + "\\.")
                .jvm(launcher)
                .forks(forks)
                .warmupIterations(2).warmupTime(time)
                .measurementIterations(5).measurementTime(time)
                .shouldFailOnError(true)
                .build()).run();
        List<KeyExchangeReport.Wire> wire = KeyExchangeReport.wire();
        String header = "Measured alone with `KeyExchangeComparison`, not with the rest of this file:\n\n"
                + "- Command: `mvn -B -q -pl benchmarks exec:exec@key-exchange -Dbench.forks=" + forks + "` (KeyExchangeComparison: "
                + forks + " forks, 2 warmups and 5 iterations of 2 s each)\n"
                + "- Date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- JVM: " + Machine.jvm() + "\n"
                + "- CPU: " + Machine.cpu() + "\n\n";
        String section = KeyExchangeReport.section(runs, wire, header);
        String existing = Files.exists(results) ? new String(Files.readAllBytes(results), StandardCharsets.UTF_8) : "";
        Files.write(results, splice(existing, section).getBytes(StandardCharsets.UTF_8));
        System.out.println(section);
        System.out.println("Section written to " + results);
    }

    /** Replaces the section if the file has one; else puts it before the hand-written analysis, or at the end. */
    static String splice(String file, String section) {
        int start = file.indexOf(KeyExchangeReport.TITLE);
        if (start >= 0) {
            int end = file.indexOf("\n## ", start + KeyExchangeReport.TITLE.length());
            return file.substring(0, start) + section + (end < 0 ? "" : file.substring(end + 1));
        }
        int analysis = file.indexOf("## Analysis of this run");
        if (analysis >= 0) {
            return file.substring(0, analysis) + section + file.substring(analysis);
        }
        return file + (file.isEmpty() || file.endsWith("\n\n") ? "" : "\n") + section;
    }
}
