package io.github.flinksslext.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * JMH starts every fork with the host's classpath. Forks that measure Flink's own TLS must not
 * see the drop-in jar's SSLUtils, so all forks start through a small launcher that drops the jar
 * from the classpath of a fork carrying {@link #WITHOUT_DROP_IN_JAR}.
 *
 * <p>Those forks get Flink's shaded netty-tcnative instead, classes and statically linked
 * BoringSSL, taken from the drop-in jar: what Flink's docs have OPENSSL users put in {@code lib/}
 * as {@code flink-shaded-netty-tcnative-static}. Flink's own OPENSSL then runs on the same native
 * library as the jar's, so each provider is compared with itself. Flink's {@code SSLUtils} touches
 * tcnative only for {@code security.ssl.provider: OPENSSL}; its JDK path runs as without it.
 */
final class ForkClasspath {

    static final String WITHOUT_DROP_IN_JAR = "-Dflinksslext.bench.classpath=upstream";

    private ForkClasspath() {}

    /** Writes the launcher and returns its path, for JMH's {@code jvm} option. */
    static String launcher(Path dir) throws IOException {
        Path tcnative = FlinkTcnative.extract(dir.resolve("flink-shaded-netty-tcnative-static"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        String script = "#!/bin/sh\n"
                + "# Written by BenchmarkSuite: starts a JMH fork, without the drop-in jar when it asks for Flink's own TLS.\n"
                + "upstream=false\n"
                + "for arg in \"$@\"; do [ \"$arg\" = \"" + WITHOUT_DROP_IN_JAR + "\" ] && upstream=true; done\n"
                + "if [ \"$upstream\" = true ]; then\n"
                + "  for arg in \"$@\"; do\n"
                + "    shift\n"
                + "    if [ \"$previous\" = \"-cp\" ]; then\n"
                + "      arg=$(printf '%s' \"$arg\" | tr ':' '\\n' | grep -v '/flink-ssl-ext-[^/]*-SNAPSHOT\\.jar$' | grep -v '/flink-ssl-ext/target/classes$' | paste -sd ':' -):'" + tcnative + "'\n"
                + "    fi\n"
                + "    set -- \"$@\" \"$arg\"\n"
                + "    previous=\"$arg\"\n"
                + "  done\n"
                + "fi\n"
                + "exec '" + java + "' \"$@\"\n";
        Files.createDirectories(dir);
        Path file = dir.resolve("jmh-fork-java.sh");
        Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file.toString();
    }
}
