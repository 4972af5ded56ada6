package io.github.flinksslext.cli;

import io.github.flinksslext.cli.CommandLineRun.Result;
import io.github.flinksslext.testing.FreePorts;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code generate} writes material that works as written: {@code check} passes it without a warning,
 * its snippet (plus ports) starts an embedded Flink cluster with internal and REST mutual TLS, and
 * the printed curl line gets {@code /overview} with the operator's PEM files and is refused without.
 */
class GenerateCommandTest {

    @TempDir
    Path dir;

    /** What curl printed and returned. */
    private static final class Curl {
        final int exitCode;
        final String output;

        Curl(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return "curl exit " + exitCode + ": " + output;
        }
    }

    private static Curl curl(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(Arrays.asList("--silent", "--show-error", "--max-time", "20"));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Curl(process.exitValue(), output);
    }

    /** The REST server answers 503 until its dispatcher is elected, and counts TaskManagers as they register. */
    private static Curl curlUntil(List<String> command, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Curl answer = curl(command);
        while (!answer.output.contains(expected) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // poll interval, not a synchronisation
            answer = curl(command);
        }
        return answer;
    }

    /** {@code check} on the generated snippet: no problem, no warning; its report. */
    private static String checkPasses(Path generated) throws Exception {
        Result checked = CommandLineRun.javaJar("check", generated.resolve("tls-config.yaml").toString());
        assertThat(checked.exitCode).as(checked.toString()).isZero();
        assertThat(checked.out).contains("Result: OK, 0 problems, 0 warnings");
        return checked.out;
    }

    @Test
    void generatedMaterialStartsAClusterWithMutualTlsAndTheCurlLineWorks() throws Exception {
        Path out = dir.resolve("tls");
        Result generated = CommandLineRun.javaJar("generate", out.toString());

        assertThat(generated.exitCode).as(generated.toString()).isZero();
        String password = new String(Files.readAllBytes(out.resolve("password")), StandardCharsets.UTF_8).trim();
        assertThat(password).hasSize(24);
        assertThat(generated.out + generated.err).doesNotContain(password);
        for (String secret : new String[] {"password", "tls-config.yaml", "client.key.pem", "client.p12",
                "internal.keystore.p12", "rest.keystore.p12", "rest-ca.p12"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
        String snippet = new String(Files.readAllBytes(out.resolve("tls-config.yaml")), StandardCharsets.UTF_8);
        assertThat(snippet).contains("security.ssl.internal.cert.fingerprint: ")
                .contains("security.ssl.rest.cert.fingerprint: ")
                .contains("security.ssl.rest.authentication-enabled: true")
                .contains("security.ssl.protocol: TLSv1.3");

        assertThat(checkPasses(out))
                .contains("key       EC 256")
                .contains("SANs      localhost, 127.0.0.1")
                .contains("works        yes");

        List<String> curlLines = Arrays.stream(generated.out.split("\n")).filter(l -> l.startsWith("curl "))
                .collect(Collectors.toList());
        assertThat(curlLines).as(generated.out).hasSize(1);

        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.write(conf.resolve("config.yaml"),
                (snippet + "\nrest.bind-port: 0\nrest.address: localhost\n").getBytes(StandardCharsets.UTF_8));
        Configuration config = GlobalConfiguration.loadConfiguration(conf.toString());
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            int port = cluster.getRestAddress().get().getPort();
            List<String> withCertificate = Arrays.asList(curlLines.get(0).replace(":8081/", ":" + port + "/").split(" "));

            Curl overview = curlUntil(withCertificate, "\"taskmanagers\":1");
            assertThat(overview.exitCode).as(overview.toString()).isZero();
            assertThat(overview.output).contains("\"taskmanagers\":1").contains("\"flink-version\"");

            List<String> withoutCertificate = new ArrayList<>(withCertificate);
            int cert = withoutCertificate.indexOf("--cert");
            withoutCertificate.subList(cert, cert + 4).clear(); // --cert <pem> --key <pem>
            assertThat(withoutCertificate).doesNotContain("--key").contains("--cacert");
            Curl refused = curl(withoutCertificate);
            assertThat(refused.exitCode).as(refused.toString()).isNotZero();
            assertThat(refused.output).doesNotContain("taskmanagers");

            // internal TLS: the blob server presents the generated internal certificate, the pinned one
            Result blob = CommandLineRun.javaJar("pins", "127.0.0.1:" + cluster.getClusterInformation().getBlobServerPort());
            assertThat(blob.exitCode).as(blob.toString()).isZero();
            String internalPin = snippet.replaceAll("(?s).*\nsecurity\\.ssl\\.internal\\.cert\\.fingerprint: (\\S+)\n.*", "$1");
            assertThat(blob.out).contains("1 certificate (").contains("subject   CN=flink-internal")
                    .contains("SHA-256   " + internalPin);
        }

        Result again = CommandLineRun.javaJar("generate", out.toString());
        assertThat(again.exitCode).as(again.toString()).isEqualTo(2);
        assertThat(again.err).contains("generate never overwrites keys");
    }

    /**
     * As the README's session does it: a JobManager and a TaskManager, each a JVM of its own started
     * from the installation's lib/ (the drop-in jar first) with the snippet in its config.yaml. The
     * TaskManager registers over Flink's RPC layer (Pekko) with the generated, pinned internal TLS.
     */
    @Test
    void generatedMaterialRunsAJobManagerAndATaskManagerAsProcesses() throws Exception {
        Path out = dir.resolve("tls");
        Result generated = CommandLineRun.javaJar("generate", out.toString());
        assertThat(generated.exitCode).as(generated.toString()).isZero();
        int restPort = FreePorts.next();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.write(conf.resolve("config.yaml"), (new String(Files.readAllBytes(out.resolve("tls-config.yaml")),
                StandardCharsets.UTF_8) + "\n" + String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + FreePorts.next(),
                "jobmanager.bind-host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.host: localhost",
                "rest.address: localhost",
                "rest.port: " + restPort,
                "rest.bind-port: " + restPort,
                "jobmanager.memory.process.size: 800m",
                // what Flink's scripts compute and hand a TaskManager
                "taskmanager.cpu.cores: 1",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 128m",
                "taskmanager.memory.framework.off-heap.size: 64m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.managed.size: 32m",
                "taskmanager.memory.jvm-metaspace.size: 192m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "taskmanager.numberOfTaskSlots: 1") + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> curlLine = Arrays.asList(Arrays.stream(generated.out.split("\n")).filter(l -> l.startsWith("curl "))
                .findFirst().orElseThrow().replace("https://localhost:8081/", "https://localhost:" + restPort + "/").split(" "));

        List<Process> processes = new ArrayList<>();
        try {
            processes.add(flinkProcess("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", conf, "jobmanager"));
            processes.add(flinkProcess("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf, "taskmanager"));

            Curl overview = curlUntil(curlLine, "\"taskmanagers\":1");
            assertThat(overview.output).as(overview + logs()).contains("\"taskmanagers\":1");
            assertThat(overview.exitCode).isZero();
            assertThat(logs()).contains("Flink's RPC layer (Pekko) will use TLSv1.3");
        } finally {
            for (Process process : processes) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A Flink process as Flink's scripts start it: its entry point, --configDir, lib/ with the drop-in jar first. */
    private Process flinkProcess(String entryPoint, Path conf, String name) throws Exception {
        Path lib = CommandLineRun.flinkHome().resolve("lib");
        Path dropIn = lib.resolve(Path.of(System.getProperty("dropin.jar")).getFileName());
        List<String> classpath = new ArrayList<>();
        classpath.add(dropIn.toString());
        try (java.util.stream.Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> !jar.equals(dropIn)).sorted().forEach(jar -> classpath.add(jar.toString()));
        }
        Path log4j = dir.resolve(name + "-log4j.properties");
        Files.write(log4j, ("rootLogger.level = INFO\nrootLogger.appenderRef.file.ref = file\nappender.file.type = File\n"
                + "appender.file.name = file\nappender.file.fileName = " + dir.resolve(name + ".log") + "\n"
                + "appender.file.layout.type = PatternLayout\nappender.file.layout.pattern = %-5p %c{1} - %m%n\n")
                .getBytes(StandardCharsets.UTF_8));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:MaxDirectMemorySize=256m", "-Dlog4j.configurationFile=" + log4j,
                "-cp", String.join(java.io.File.pathSeparator, classpath), entryPoint, "--configDir", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    /** Both processes' logs, for a failure message and for what they said about RPC. */
    private String logs() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"jobmanager", "taskmanager"}) {
            for (String suffix : new String[] {".log", ".out"}) {
                Path file = dir.resolve(name + suffix);
                if (Files.exists(file)) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    text.append("\n===== ").append(name).append(suffix).append('\n')
                            .append(content.length() > 8000 ? content.substring(content.length() - 8000) : content);
                }
            }
        }
        return text.toString();
    }

    @Test
    void rsaKeysAnInternalCaAndAGivenRestCa() throws Exception {
        Path first = dir.resolve("first");
        Result made = CommandLineRun.javaJar(Map.of(GenerateCommand.PASSWORD_VARIABLE, "Given-pass-1"),
                "generate", "--key-type", "RSA", "--internal-ca", "generate", "--san", "flink-jm.example.com,10.1.2.3",
                "--client-name", "alice, ops", first.toString());
        assertThat(made.exitCode).as(made.toString()).isZero();
        assertThat(first.resolve("password")).doesNotExist();
        assertThat(made.out).doesNotContain("Given-pass-1")
                .contains("curl --cacert " + first.resolve("rest-ca.pem"))
                .contains("https://flink-jm.example.com:8081/overview");

        assertThat(checkPasses(first))
                .contains("issuer    CN=flink-internal-ca")
                .contains("key       RSA 2048")
                .contains("SANs      flink-jm.example.com, 10.1.2.3")
                .contains("matches own certificate 'CN=flink-internal'");

        // a second cluster's material from the first one's REST CA: the same CA certificate signs it
        Path second = dir.resolve("second");
        Result reused = CommandLineRun.javaJar(
                Map.of(GenerateCommand.CA_PASSWORD_VARIABLE, "Given-pass-1", GenerateCommand.PASSWORD_VARIABLE, "Other-pass-2"),
                "generate", "--rest-ca", first.resolve("rest-ca.p12").toString(), second.toString());
        assertThat(reused.exitCode).as(reused.toString()).isZero();
        assertThat(second.resolve("rest-ca.p12")).doesNotExist();
        assertThat(Files.readAllBytes(second.resolve("rest-ca.pem"))).isEqualTo(Files.readAllBytes(first.resolve("rest-ca.pem")));
        Result pins = CommandLineRun.javaJar(Map.of(PinsCommand.PASSWORD_VARIABLE, "Other-pass-2"),
                "pins", second.resolve("client.p12").toString());
        assertThat(pins.exitCode).as(pins.toString()).isZero();
        assertThat(pins.out).contains("subject   CN=flink-operator").contains("issuer    CN=flink-rest-ca");
        checkPasses(second);
    }

    @Test
    void usageErrors() throws Exception {
        Result badName = CommandLineRun.javaJar("generate", "--san", "not a name!", dir.resolve("x").toString());
        assertThat(badName.exitCode).isEqualTo(2);
        assertThat(badName.err).contains("is neither a DNS name nor an IP address");

        Result noCaPassword = CommandLineRun.javaJar("generate", "--rest-ca", dir.toString() + "/none.p12",
                dir.resolve("y").toString());
        assertThat(noCaPassword.exitCode).isEqualTo(2);
        assertThat(noCaPassword.err).contains("no CA file");
    }
}
