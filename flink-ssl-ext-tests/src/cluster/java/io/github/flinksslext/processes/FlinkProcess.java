package io.github.flinksslext.processes;

import org.apache.flink.configuration.Configuration;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Flink process in a JVM of its own, started as Flink's scripts start it: its entry point with
 * {@code --configDir}, the drop-in jar first on the classpath, then Flink's artifacts. Stopped by
 * {@link #close()}, which the tests reach also when they fail.
 */
final class FlinkProcess implements AutoCloseable {

    static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private final String name;
    private final Process process;
    private final Path log;

    private FlinkProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param classpath the drop-in jar first, then Flink's artifacts (and the job's classes, as a user jar in lib/)
     */
    /** @param arguments passed after {@code --configDir <dir>} */
    static FlinkProcess start(
            String name, String mainClass, Configuration config, String classpath, Path dir, String... arguments)
            throws IOException {
        Path configDir = Files.createDirectories(dir.resolve(name + "-conf"));
        writeConfig(config, configDir.resolve("config.yaml"));
        Path log = dir.resolve(name + ".log");
        Path log4j = configDir.resolve("log4j.properties");
        Files.write(log4j, ("rootLogger.level = INFO\n"
                + "rootLogger.appenderRef.file.ref = file\n"
                + "appender.file.type = File\n"
                + "appender.file.name = file\n"
                + "appender.file.fileName = " + log + "\n"
                + "appender.file.layout.type = PatternLayout\n"
                + "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n\n").getBytes(StandardCharsets.UTF_8));
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:MaxDirectMemorySize=256m");
        command.add("-Dlog4j.configurationFile=" + log4j);
        command.add("-Dlog.file=" + log);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(configDir.toString());
        command.addAll(java.util.Arrays.asList(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
        return new FlinkProcess(name, process, log);
    }

    /** Flink 2's config.yaml with one flat key per line, values quoted. */
    private static void writeConfig(Configuration config, Path file) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, String> entry : config.toMap().entrySet()) {
            yaml.append(entry.getKey()).append(": '").append(entry.getValue().replace("'", "''")).append("'\n");
        }
        Files.write(file, yaml.toString().getBytes(StandardCharsets.UTF_8));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** The process's log so far. */
    String log() throws IOException {
        return log.toFile().exists() ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /** What the process printed to its console. */
    String console() throws IOException {
        Path out = log.resolveSibling(name + ".out");
        return out.toFile().exists() ? new String(Files.readAllBytes(out), StandardCharsets.UTF_8) : "";
    }

    /** The end of the log and of the console output, for a failure message. */
    String tail(int chars) throws IOException {
        String text = log() + "\n--- console ---\n" + console();
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }

    /** Waits until the log holds {@code text}; false if the deadline passes or the process dies first. */
    boolean awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return log().contains(text);
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }

    /** Waits for the process to end; its exit code, or null if it still runs at the deadline. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** The classpath Maven wrote for this module's tests (jar first), plus the job's compiled classes. */
    static String classpath() throws IOException {
        Path file = Paths.get(System.getProperty("flink.processes.classpath-file"));
        String dependencies = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        return dependencies + File.pathSeparator + System.getProperty("flink.processes.job-classes");
    }

    /** The same classpath without the drop-in jar: a Flink installation that does not have it. */
    static String classpathWithoutDropIn() throws IOException {
        List<String> kept = new ArrayList<>();
        for (String entry : classpath().split(File.pathSeparator)) {
            String name = Paths.get(entry).getFileName().toString();
            if (!(name.startsWith("flink-ssl-ext-") && name.endsWith(".jar") && !name.endsWith("-tests.jar"))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }
}
