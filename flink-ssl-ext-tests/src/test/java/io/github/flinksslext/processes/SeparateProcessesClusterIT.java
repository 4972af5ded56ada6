package io.github.flinksslext.processes;

import io.github.flinksslext.cluster.ClusterCertificates;
import io.github.flinksslext.cluster.KeyedSumJob;
import io.github.flinksslext.cluster.RestProbe;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JobManager and two TaskManagers in JVMs of their own, with internal TLS, pinning and REST
 * mutual TLS on; a job submitted over REST runs across both TaskManagers; a third TaskManager with
 * a certificate of the same CA that is not pinned cannot join, and the cluster keeps serving.
 */
class SeparateProcessesClusterIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final long RECORDS = 100_000;

    @TempDir
    Path dir;

    private final List<FlinkProcess> processes = new ArrayList<>();

    @AfterEach
    void stopEveryProcess() throws InterruptedException {
        for (FlinkProcess process : processes) {
            process.close();
        }
    }

    @Test
    void clusterOfSeparateProcessesRefusesAnUnpinnedTaskManager() throws Exception {
        // RSA, TLS 1.2 and an ECDHE-RSA suite: Flink's RPC layer (Pekko) builds its TLS itself from the
        // same options, reads the pins with SHA-1-only parsing, and offers one protocol only.
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration cluster = certificates.cluster("OPENSSL");
        cluster.setString("security.ssl.internal.cert.fingerprint", ClusterCertificates.sha1(certificates.internal.certificate()));
        cluster.setString("security.ssl.protocol", "TLSv1.2");
        cluster.setString("security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        int restPort = freePort();
        cluster.setString("jobmanager.rpc.address", "localhost");
        cluster.setString("jobmanager.rpc.port", Integer.toString(freePort()));
        cluster.setString("jobmanager.bind-host", "localhost");
        cluster.setString("taskmanager.bind-host", "localhost");
        cluster.setString("taskmanager.host", "localhost");
        cluster.setString("rest.port", Integer.toString(restPort));
        cluster.setString("rest.bind-port", Integer.toString(restPort));
        cluster.setString("jobmanager.memory.process.size", "800m");
        // what Flink's scripts compute and pass to a TaskManager as dynamic properties
        cluster.setString("taskmanager.cpu.cores", "1");
        cluster.setString("taskmanager.memory.framework.heap.size", "128m");
        cluster.setString("taskmanager.memory.task.heap.size", "128m");
        cluster.setString("taskmanager.memory.framework.off-heap.size", "64m");
        cluster.setString("taskmanager.memory.task.off-heap.size", "0m");
        cluster.setString("taskmanager.memory.network.min", "64m");
        cluster.setString("taskmanager.memory.network.max", "64m");
        cluster.setString("taskmanager.memory.managed.size", "32m");
        cluster.setString("taskmanager.memory.jvm-metaspace.size", "192m");
        cluster.setString("taskmanager.memory.jvm-overhead.min", "192m");
        cluster.setString("taskmanager.memory.jvm-overhead.max", "192m");
        cluster.setString("taskmanager.numberOfTaskSlots", "1");
        String classpath = FlinkProcess.classpath();

        FlinkProcess jobManager = start("jobmanager", FlinkProcess.JOB_MANAGER, cluster, classpath);
        start("taskmanager-1", FlinkProcess.TASK_MANAGER, cluster, classpath);
        start("taskmanager-2", FlinkProcess.TASK_MANAGER, cluster, classpath);
        URI rest = URI.create("https://localhost:" + restPort);
        awaitTaskManagers(certificates, rest, 2, jobManager, processes);

        Configuration client = certificates.restClientOf(cluster, "localhost", restPort);
        KeyedSumJob.Result result = KeyedSumJob.run(
                StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, client), RECORDS);
        assertThat(result.sums).isEqualTo(KeyedSumJob.expected(RECORDS));

        // Same CA, not pinned: it trusts the CA and pins nothing, as an intruder with a certificate would.
        Identity stranger = certificates.sameCaStranger("intruder-taskmanager");
        Configuration strangerConfig = TlsFixture.with(
                TlsFixture.without(cluster, "security.ssl.internal.cert.fingerprint"),
                "security.ssl.internal.keystore", certificates.keyStoreOf(stranger).toString());
        int jobManagerLogBefore = jobManager.log().length();
        FlinkProcess intruder = start("taskmanager-intruder", FlinkProcess.TASK_MANAGER, strangerConfig, classpath);
        assertThat(intruder.awaitLog("Connecting to ResourceManager", STARTUP))
                .as("the intruder started and tried to register:\n%s", intruder.log()).isTrue();
        // Flink's RPC layer (Pekko) reads the same SHA-1 pin and refuses the intruder's registration
        assertThat(jobManager.awaitLog("unknown fingerprint: O=flink-ssl-ext tests, CN=intruder-taskmanager", STARTUP))
                .as("the JobManager refused the intruder:\n%s", jobManager.log().substring(jobManagerLogBefore)).isTrue();

        // the cluster keeps serving: still two TaskManagers, and another job runs to the exact result
        assertThat(overview(certificates, rest).body).contains("\"taskmanagers\":2");
        KeyedSumJob.Result again = KeyedSumJob.run(
                StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, client), RECORDS);
        assertThat(again.sums).isEqualTo(KeyedSumJob.expected(RECORDS));
        assertThat(overview(certificates, rest).body).contains("\"taskmanagers\":2");
    }

    private FlinkProcess start(String name, String mainClass, Configuration config, String classpath) throws IOException {
        FlinkProcess process = FlinkProcess.start(name, mainClass, config, classpath, dir);
        processes.add(process);
        return process;
    }

    private static RestProbe.Answer overview(ClusterCertificates certificates, URI rest) throws Exception {
        return RestProbe.get(certificates.httpClientContext(true), rest, "/overview");
    }

    /** Polls the REST overview until the cluster reports {@code count} TaskManagers, or fails with the JobManager's log. */
    private static void awaitTaskManagers(
            ClusterCertificates certificates, URI rest, int count, FlinkProcess jobManager, List<FlinkProcess> all)
            throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && jobManager.isAlive()) {
            try {
                RestProbe.Answer answer = overview(certificates, rest);
                last = answer.body;
                if (answer.body.contains("\"taskmanagers\":" + count)) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L); // poll interval, not a synchronisation
        }
        StringBuilder logs = new StringBuilder();
        for (FlinkProcess process : all) {
            logs.append("\n===== ").append(process.name()).append(process.isAlive() ? "" : " (exited)").append('\n')
                    .append(process.tail(6000));
        }
        throw new AssertionError("the cluster did not report " + count + " TaskManagers (last: " + last + ")" + logs);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
