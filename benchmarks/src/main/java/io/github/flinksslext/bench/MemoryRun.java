package io.github.flinksslext.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/** Runs {@link ConnectionMemory} in a JVM of its own, so one measurement does not disturb another. */
final class MemoryRun {

    private MemoryRun() {}

    static String measure(String provider, int connections) throws Exception {
        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms512m", "-Xmx512m",
                        "-cp", System.getProperty("java.class.path"),
                        ConnectionMemory.class.getName(), provider, Integer.toString(connections))
                .redirectErrorStream(true)
                .start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(provider + " connections=")) {
                    result = line;
                }
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
            throw new IllegalStateException("memory measurement for " + provider + " failed:\n" + output);
        }
        System.out.println(result);
        return result;
    }
}
