package io.github.flinksslext.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line as an operator does: {@code java -jar lib/flink-ssl-ext-<version>.jar ...}
 * in a JVM of its own, on a Flink installation made for the test: a {@code lib/} folder with a copy
 * of the drop-in jar beside Flink's jars (links to the test's dependencies, without the test
 * libraries) and a {@code conf/} folder. No FLINK_HOME: the jar finds Flink from its own folder.
 */
final class CommandLineRun {

    private static final Path DROP_IN = Paths.get(System.getProperty("dropin.jar"));
    private static final List<String> NOT_FLINKS = Arrays.asList(
            "junit", "opentest4j", "apiguardian", "assertj", "byte-buddy", "bcpkix", "bcprov", "bcutil");

    /** What a run printed and returned. */
    static final class Result {
        final int exitCode;
        final String out;
        final String err;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private CommandLineRun() {}

    private static Path home;

    /**
     * The Flink installation of this test JVM, made once: {@code lib/} with a copy of the drop-in
     * jar and links to Flink's jars, an empty {@code conf/}. Removed when the JVM ends.
     */
    static synchronized Path flinkHome() throws IOException {
        if (home == null) {
            Path made = Files.createTempDirectory("flink-home");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            Path lib = Files.createDirectories(made.resolve("lib"));
            Files.createDirectories(made.resolve("conf"));
            Files.copy(DROP_IN, lib.resolve(DROP_IN.getFileName()));
            String classpath = new String(Files.readAllBytes(
                    Paths.get(System.getProperty("test.dependencies.classpath-file"))), StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path jar = Paths.get(entry);
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && NOT_FLINKS.stream().noneMatch(name::startsWith)) {
                    Files.createSymbolicLink(lib.resolve(name), jar);
                }
            }
            home = made;
        }
        return home;
    }

    private static void delete(Path dir) {
        try (java.util.stream.Stream<Path> entries = Files.walk(dir)) {
            entries.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left to the system
        }
    }

    static Result javaJar(String... arguments) throws Exception {
        return javaJar(Map.of(), arguments);
    }

    /** {@code java -jar <flink home>/lib/<drop-in> arguments}, with these environment variables and no FLINK_*. */
    static Result javaJar(Map<String, String> environment, String... arguments) throws Exception {
        return run(flinkHome().resolve("lib").resolve(DROP_IN.getFileName()), environment, arguments);
    }

    /** {@code java -jar <jar> arguments}, wherever the jar is. */
    static Result run(Path jar, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FLINK_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("flink-ssl-ext-cli", ".out");
        Path err = Files.createTempFile("flink-ssl-ext-cli", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the command did not finish: " + String.join(" ", arguments) + "\n" + read(out) + read(err));
            }
            return new Result(process.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
