package io.github.flinksslext.coexistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's docs tell OPENSSL users to copy {@code flink-shaded-netty-tcnative-dynamic} into lib/.
 * Beside this jar, Netty finds two native libraries of one name and would load neither. Each case
 * runs a JVM of its own with both jars on the class path in one order.
 */
class TcnativeCoexistenceTest {

    private static final Path DROP_IN = Paths.get(System.getProperty("dropin.jar"));
    private static final Path FLINK_TCNATIVE = Paths.get(System.getProperty("flink.tcnative.jar"));

    /** The probe's stores and output, deleted after each test. */
    @TempDir
    Path dir;

    @Test
    void openSslRunsOnTheBundledBoringSslWhenThisJarComesFirst() throws Exception {
        Run run = probe(dir, "OPENSSL", DROP_IN, FLINK_TCNATIVE);

        assertThat(run.exitCode).as(run.output).isZero();
        // even Netty asked directly, as Flink's own test classes do, after the process started
        assertThat(run.output).contains("Netty's OpenSsl.isAvailable()=true")
                .containsPattern("exchange TLSv1\\.3 TLS_AES_\\w+ on BoringSSL");
    }

    @Test
    void openSslFailsAtStartupNamingFlinksJarWhenItComesFirst() throws Exception {
        Run run = probe(dir, "OPENSSL", FLINK_TCNATIVE, DROP_IN);

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output)
                .contains("Invalid TLS setting 'security.ssl.provider'")
                .contains(FLINK_TCNATIVE.getFileName().toString())
                .contains("comes before this jar")
                .contains("Fix: remove that jar from Flink's lib/ folder")
                .doesNotContain("Failed to load any of the given libraries");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theJdkProviderIsUnaffectedInEitherOrder(boolean dropInFirst) throws Exception {
        Run run = dropInFirst ? probe(dir, "JDK", DROP_IN, FLINK_TCNATIVE) : probe(dir, "JDK", FLINK_TCNATIVE, DROP_IN);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).containsPattern("exchange TLSv1\\.3 TLS_AES_\\w+\\R");
    }

    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Run probe(Path dir, String provider, Path first, Path second) throws Exception {
        String dependencies = new String(
                Files.readAllBytes(Paths.get(System.getProperty("test.dependencies.classpath-file"))),
                StandardCharsets.UTF_8).trim();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator,
                first.toString(), second.toString(), System.getProperty("test.classes.dir"), dependencies));
        command.add(OpenSslProcessProbe.class.getName());
        command.add(provider);
        command.add(dir.toString());
        Path output = dir.resolve("probe.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the probe did not finish: " + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
    }
}
