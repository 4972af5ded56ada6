package io.github.flinksslext.processes;

import io.github.flinksslext.cluster.ClusterCertificates;
import io.github.flinksslext.cluster.KeyedSumJob;
import io.github.flinksslext.cluster.RestProbe;
import io.github.flinksslext.testing.FreePorts;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JobManager and two TaskManagers in JVMs of their own, started as Flink's scripts start them
 * with the drop-in jar first on the classpath: internal TLS pinned, REST mutual TLS, a job over
 * REST across both TaskManagers. Flink's RPC layer (Pekko) verifies its peers through the jar, so
 * every pin form works there, and a TaskManager that should be refused is refused by RPC while the
 * cluster keeps serving. Runs on the newest 1.20.x, 2.2.x and 2.3.x.
 */
class SeparateProcessesClusterIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final long RECORDS = 100_000;
    private static final String PINS = "security.ssl.internal.cert.fingerprint";

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
    void rpcChecksChainAndSha256PinAndRefusesUnpinnedAndExpiredTaskManagers() throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Identity expired = certificates.sameCaExpired("expired-taskmanager");
        Configuration cluster = cluster(certificates,
                ClusterCertificates.sha256(certificates.internal.certificate()) + ","
                        + ClusterCertificates.sha256(expired.certificate()));
        Cluster running = startCluster(certificates, cluster);

        // Same CA, not pinned, with the jar: what an intruder holding a certificate of the CA would run
        Identity stranger = certificates.sameCaStranger("intruder-taskmanager");
        FlinkProcess intruder = start("taskmanager-intruder", FlinkProcess.TASK_MANAGER,
                withKeyStore(TlsFixture.without(cluster, PINS), certificates, stranger), FlinkProcess.classpath());
        assertThat(intruder.awaitLog("Connecting to ResourceManager", STARTUP))
                .as("the intruder started and tried to register:\n%s", intruder.log()).isTrue();
        assertThat(running.jobManager.awaitLog("CN=intruder-taskmanager", STARTUP))
                .as("the JobManager's RPC refused the intruder:\n%s", running.jobManager.log()).isTrue();
        assertThat(running.jobManager.log())
                .contains("Certificate pinning failure: the client's certificate matches none of the pins in '" + PINS + "'")
                .contains(PinForms.PUBLIC_KEY_SHA256.of(stranger.certificate()));

        // Pinned but expired, from a Flink without the jar (and so without BoringSSL): Flink's own
        // pinning would compare the hash only
        Configuration outdatedConfig = TlsFixture.with(
                withKeyStore(TlsFixture.without(cluster, PINS), certificates, expired), "security.ssl.provider", "JDK");
        FlinkProcess outdated = start("taskmanager-expired", FlinkProcess.TASK_MANAGER,
                outdatedConfig, FlinkProcess.classpathWithoutDropIn());
        assertThat(outdated.awaitLog("Connecting to ResourceManager", STARTUP))
                .as("the expired TaskManager started and tried to register:\n%s", outdated.log()).isTrue();
        assertThat(running.jobManager.awaitLog("CN=expired-taskmanager", STARTUP))
                .as("the JobManager's RPC refused the expired TaskManager:\n%s", running.jobManager.log()).isTrue();
        assertThat(running.jobManager.log()).contains("Certificate chain check failed");
        assertThat(outdated.log()).as("the expired TaskManager ran without the jar").doesNotContain("TLS context for");

        // the cluster keeps serving: still two TaskManagers, and another job runs to the exact result
        assertThat(overview(certificates, running.rest).body).contains("\"taskmanagers\":2");
        assertThat(running.runJob().sums).isEqualTo(KeyedSumJob.expected(RECORDS));
        assertThat(overview(certificates, running.rest).body).contains("\"taskmanagers\":2");
    }

    @Test
    void rpcAcceptsPublicKeyPins() throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration cluster = cluster(certificates, PinForms.PUBLIC_KEY_SHA256.of(certificates.internal.certificate()));

        Cluster running = startCluster(certificates, cluster);

        assertThat(running.jobManager.log()).contains("Flink's RPC layer (Pekko) will use TLSv1.2");
    }

    @Test
    void settingsPekkoCannotUseStopJobManagerAndTaskManagerBeforeRpcStarts() throws Exception {
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration cluster = TlsFixture.with(
                cluster(certificates, ClusterCertificates.sha256(certificates.internal.certificate())),
                "security.ssl.protocol", "TLSv1.3,TLSv1.2");

        assertStopsFirst(cluster, "protocol-list", "'security.ssl.protocol': 'TLSv1.3,TLSv1.2' is a list");

        // the Kubernetes secret directory is for REST: Pekko opens the internal keystore as one file
        Path secret = java.nio.file.Files.createDirectories(dir.resolve("internal-secret"));
        Configuration directory = TlsFixture.with(TlsFixture.with(
                cluster(certificates, ClusterCertificates.sha256(certificates.internal.certificate())),
                "security.ssl.internal.keystore", secret.toString()), "security.ssl.internal.keystore-type", "PEM");
        assertStopsFirst(directory, "directory", "'security.ssl.internal.keystore': '" + secret + "' is a directory");
    }

    private void assertStopsFirst(Configuration config, String name, String message) throws Exception {
        for (FlinkProcess process : new FlinkProcess[] {
                start("jobmanager-" + name, FlinkProcess.JOB_MANAGER, config, FlinkProcess.classpath()),
                start("taskmanager-" + name, FlinkProcess.TASK_MANAGER, config, FlinkProcess.classpath())}) {
            assertThat(process.awaitExit(STARTUP)).as("%s stopped:\n%s", process.name(), process.tail(4000))
                    .isNotNull().isNotZero();
            String log = process.log();
            int firstError = log.indexOf(" ERROR ");
            assertThat(firstError).as(log).isNotNegative();
            assertThat(log.substring(firstError))
                    .startsWith(" ERROR TlsBootstrapFileSystemFactory - Invalid TLS setting " + message);
            assertThat(log).as("Pekko never started").doesNotContainIgnoringCase("actor system");
        }
    }

    /** A JDK client context from a PEM key file and CA file, through the jar's key store type. */
    private static javax.net.ssl.SSLContext pemClientContext(Path keyFile, Path caFile) throws Exception {
        io.github.flinksslext.stores.pem.PemProvider.install();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PEM");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(keyFile)) {
            keys.load(in, null);
        }
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PEM");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(caFile)) {
            trusted.load(in, null);
        }
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        keyManagers.init(keys, new char[0]);
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** The certificate a TLS server presents, read by a client that records it and trusts nothing else. */
    private static X509Certificate serverCertificate(int port) throws Exception {
        java.util.concurrent.atomic.AtomicReference<X509Certificate> seen = new java.util.concurrent.atomic.AtomicReference<>();
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
        } catch (IOException refusedWithoutAClientCertificate) {
            // mutual TLS: the server may refuse this client after it showed its certificate
        }
        assertThat(seen.get()).as("the server presented a certificate").isNotNull();
        return seen.get();
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /**
     * cert-manager's material on every plane, no password anywhere: internal TLS (RPC included) from
     * one combined file with a PKCS#1 key and a CA bundle, pinned by SHA-256; REST from the secret
     * directory. Flink's RPC layer loads the PEM stores itself, through the jar's key store type.
     */
    @Test
    void everyPlaneOnPemWrittenByOpenssl() throws Exception {
        io.github.flinksslext.testing.Openssl openssl = new io.github.flinksslext.testing.Openssl(dir);
        Path caKey = openssl.rsaPkcs1("ca.key");
        Path caCert = openssl.ca(caKey, "pem-ca", "ca.crt");
        Path internalKey = openssl.rsaPkcs1("internal.key");
        Path internalCert = openssl.issue(internalKey, "flink-internal-pem", caCert, caKey, "internal.crt");
        Path combined = openssl.concat("tls-combined.pem", internalKey, internalCert, caCert);
        Path secret = java.nio.file.Files.createDirectories(dir.resolve("rest-secret"));
        Path restKey = openssl.rsaPkcs1("rest.key");
        java.nio.file.Files.copy(restKey, secret.resolve("tls.key"));
        java.nio.file.Files.copy(openssl.issue(restKey, "flink-rest-pem", caCert, caKey, "rest.crt", "DNS:localhost"),
                secret.resolve("tls.crt"));
        java.nio.file.Files.copy(caCert, secret.resolve("ca.crt"));
        X509Certificate internal = certificate(internalCert);

        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration cluster = cluster(certificates, ClusterCertificates.sha256(internal));
        pemWithoutPasswords(cluster, "internal");
        pemWithoutPasswords(cluster, "rest");
        cluster.setString("security.ssl.internal.keystore", combined.toString());
        cluster.setString("security.ssl.internal.truststore", openssl.concat("bundle.crt", caCert).toString());
        cluster.setString("security.ssl.rest.keystore", secret.toString());
        cluster.setString("security.ssl.rest.truststore", secret.toString());
        // the operator's client: its own PEM key and chain, the same CA
        Path operatorKey = openssl.rsaPkcs1("operator.key");
        Path operator = openssl.concat("operator.pem", operatorKey,
                openssl.issue(operatorKey, "operator", caCert, caKey, "operator.crt"));

        FlinkProcess jobManager = start("jobmanager", FlinkProcess.JOB_MANAGER, cluster, FlinkProcess.classpath());
        start("taskmanager-1", FlinkProcess.TASK_MANAGER, cluster, FlinkProcess.classpath());
        start("taskmanager-2", FlinkProcess.TASK_MANAGER, cluster, FlinkProcess.classpath());
        int restPort = restPort(jobManager);
        URI rest = URI.create("https://localhost:" + restPort);
        javax.net.ssl.SSLContext operatorTls = pemClientContext(operator, caCert);
        awaitTaskManagers(() -> RestProbe.get(operatorTls, rest, "/overview"), 2, jobManager);

        Configuration client = TlsFixture.with(TlsFixture.with(cluster, "security.ssl.rest.keystore", operator.toString()),
                "rest.address", "localhost");
        client.setString("rest.port", Integer.toString(restPort));
        client.setString("rest.retry.max-attempts", "0");
        assertThat(KeyedSumJob.run(StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, client), RECORDS)
                .sums).isEqualTo(KeyedSumJob.expected(RECORDS));

        // the RPC port presents the PEM certificate: Pekko loaded it through the jar's key store type
        X509Certificate presented = serverCertificate(Integer.parseInt(cluster.toMap().get("jobmanager.rpc.port")));
        assertThat(presented).isEqualTo(internal);

        // an operator's CLI with the jar, the same configuration, where only the REST material is readable
        Configuration cli = TlsFixture.with(TlsFixture.with(client, "security.ssl.internal.keystore",
                dir.resolve("not-on-this-machine.pem").toString()), "security.ssl.internal.truststore",
                dir.resolve("not-on-this-machine.crt").toString());
        FlinkProcess operatorCli = start("cli-with-jar", FlinkClientProcess.class.getName(), cli, FlinkProcess.classpath(),
                Long.toString(RECORDS));
        assertThat(operatorCli.awaitExit(STARTUP)).as(operatorCli.tail(6000)).isEqualTo(0);
        assertThat(operatorCli.console()).contains("jobs listed: 1").contains("job result exact");
    }

    /**
     * cert-manager renews the internal certificate, with a new key, under a running job: the pins
     * list the old and the new certificate. The TaskManagers' data ports and the blob server present
     * the new one to new connections, RPC keeps its startup certificate (and the processes say until
     * when), the running job's open connections carry it to an exact result, and a new job runs.
     */
    @Test
    void rotatingTheInternalCertificateUnderARunningJobNeedsNoRestart() throws Exception {
        io.github.flinksslext.testing.Openssl openssl = new io.github.flinksslext.testing.Openssl(dir);
        Path caKey = openssl.rsaPkcs1("ca.key");
        Path caCert = openssl.ca(caKey, "rotation-ca", "ca.crt");
        Path firstKey = openssl.rsaPkcs1("first.key");
        Path firstCert = openssl.issue(firstKey, "flink-internal-1", caCert, caKey, "first.crt");
        Path renewedKey = openssl.rsaPkcs1("renewed.key");
        Path renewedCert = openssl.issue(renewedKey, "flink-internal-2", caCert, caKey, "renewed.crt");
        Path combined = openssl.concat("tls-combined.pem", firstKey, firstCert, caCert);
        X509Certificate first = certificate(firstCert);
        X509Certificate renewed = certificate(renewedCert);

        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration cluster = cluster(certificates,
                ClusterCertificates.sha256(first) + "," + ClusterCertificates.sha256(renewed));
        pemWithoutPasswords(cluster, "internal");
        cluster.setString("security.ssl.internal.keystore", combined.toString());
        cluster.setString("security.ssl.internal.truststore", caCert.toString());
        cluster.setString("security.ssl.reload.interval", "200 ms");
        // the job after the rotation opens data-plane connections of its own
        cluster.setString("taskmanager.network.tcp-connection.enable-reuse-across-jobs", "false");
        int blobPort = FreePorts.next();
        cluster.setString("blob.server.port", Integer.toString(blobPort));
        int[] dataPorts = {FreePorts.next(), FreePorts.next()};

        FlinkProcess jobManager = start("jobmanager", FlinkProcess.JOB_MANAGER, cluster, FlinkProcess.classpath());
        List<FlinkProcess> taskManagers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            taskManagers.add(start("taskmanager-" + (i + 1), FlinkProcess.TASK_MANAGER,
                    TlsFixture.with(cluster, "taskmanager.data.port", Integer.toString(dataPorts[i])),
                    FlinkProcess.classpath()));
        }
        int restPort = restPort(jobManager);
        URI rest = URI.create("https://localhost:" + restPort);
        awaitTaskManagers(certificates, rest, 2, jobManager);
        Configuration client = certificates.restClientOf(cluster, "localhost", restPort);
        int rpcPort = Integer.parseInt(cluster.toMap().get("jobmanager.rpc.port"));
        assertThat(serverCertificate(rpcPort)).isEqualTo(first);

        Path paused = dir.resolve("job-paused");
        Path resume = dir.resolve("job-resume");
        java.util.concurrent.CompletableFuture<KeyedSumJob.Result> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return KeyedSumJob.run(StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, client),
                                RECORDS, new KeyedSumJob.PauseInTheMiddle(RECORDS, paused, resume));
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
        awaitCondition(() -> java.nio.file.Files.exists(paused) || running.isDone(), "the job to reach its middle", jobManager);
        assertThat(running).as("the job waits in its middle, its data-plane connections open").isNotDone();

        java.nio.file.Files.write(dir.resolve("renewed.pem"),
                java.nio.file.Files.readAllBytes(openssl.concat("renewed.pem", renewedKey, renewedCert, caCert)));
        java.nio.file.Files.move(dir.resolve("renewed.pem"), combined,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        for (int port : new int[] {dataPorts[0], dataPorts[1], blobPort}) {
            awaitCondition(() -> serverCertificate(port).equals(renewed), "port " + port + " to present the renewed certificate",
                    jobManager);
        }
        assertThat(serverCertificate(rpcPort)).as("RPC keeps the certificate it loaded at startup").isEqualTo(first);
        awaitCondition(() -> jobManager.tail(200_000).contains("keeps presenting"), "the JobManager's RPC warning", jobManager);
        assertThat(jobManager.tail(200_000)).contains("TLS material renewed for the internal server")
                .contains(first.getNotAfter().toInstant().toString());
        for (FlinkProcess taskManager : taskManagers) {
            awaitCondition(() -> taskManager.tail(200_000).contains("TLS material renewed for the internal server"),
                    taskManager.name() + "'s rotation line", jobManager);
        }

        java.nio.file.Files.createFile(resume);
        assertThat(running.get(STARTUP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).sums)
                .as("the job that ran across the rotation").isEqualTo(KeyedSumJob.expected(RECORDS));
        assertThat(KeyedSumJob.run(StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, client), RECORDS)
                .sums).as("a job started after the rotation").isEqualTo(KeyedSumJob.expected(RECORDS));
        assertThat(jobManager.isAlive()).isTrue();
    }

    /** PEM stores for the endpoint, and no password option: PEM needs none. */
    private static void pemWithoutPasswords(Configuration cluster, String endpoint) {
        for (String option : new String[] {"keystore-password", "key-password", "truststore-password"}) {
            cluster.removeConfig(org.apache.flink.configuration.ConfigOptions.key(
                    "security.ssl." + endpoint + "." + option).stringType().noDefaultValue());
        }
        cluster.setString("security.ssl." + endpoint + ".keystore-type", "PEM");
        cluster.setString("security.ssl." + endpoint + ".truststore-type", "PEM");
    }

    /** Something to wait for. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Asks again until the condition holds, or fails with every process's log at the deadline. */
    private void awaitCondition(Condition condition, String what, FlinkProcess jobManager) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && jobManager.isAlive()) {
            if (condition.holds()) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L); // poll interval, not a synchronisation
        }
        StringBuilder logs = new StringBuilder();
        for (FlinkProcess process : processes) {
            logs.append("\n===== ").append(process.name()).append('\n').append(process.tail(6000));
        }
        throw new AssertionError("timed out waiting for " + what + logs);
    }

    @Test
    void flinkWithoutTheJarJoinsAClusterWithItAndItsClientConnects() throws Exception {
        assumeFlinksSuiteIsEnabledByThisJvm();
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        // Flink's documented set-up: protocols and suites unset; SHA-1 pins, which Flink without the jar reads too
        Configuration cluster = withoutProtocolsAndSuites(
                cluster(certificates, ClusterCertificates.sha1(certificates.internal.certificate())));
        Configuration withoutJar = TlsFixture.with(cluster, "security.ssl.provider", "JDK");

        Cluster running = startCluster(certificates, cluster, cluster, FlinkProcess.classpath(),
                withoutJar, FlinkProcess.classpathWithoutDropIn());

        // the keyBy job above crossed between the TaskManager with the jar and the one without
        FlinkProcess client = start("client-without-jar", FlinkClientProcess.class.getName(),
                certificates.restClientOf(withoutJar, "localhost", running.rest.getPort()),
                FlinkProcess.classpathWithoutDropIn(), Long.toString(RECORDS));
        assertThat(client.awaitExit(STARTUP)).as(client.tail(6000)).isEqualTo(0);
        assertThat(client.console()).contains("jobs listed: 1").contains("job result exact");
        assertThat(client.log()).as("the client ran without the jar").doesNotContain("TLS context for");
        // Flink without the jar offers its defaults: TLS_RSA_WITH_AES_128_CBC_SHA up to 1.20.3, 2.0.1, 2.1.1,
        // 2.2.0, then ECDHE-RSA AES-GCM (FLINK-39022). The legacy suite's handshakes, over the client's several
        // REST connections (list, submit, poll), are said once, at WARN, by the JobManager; the newer ones not at all.
        boolean legacyDefaults = org.apache.flink.configuration.SecurityOptions.SSL_ALGORITHMS.defaultValue()
                .contains("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(running.jobManager.log().split("\n"))
                .filteredOn(line -> line.contains("used Flink's legacy suite"))
                .hasSize(legacyDefaults ? 1 : 0)
                .allSatisfy(line -> assertThat(line).contains("The REST server handshake with"));
    }

    @Test
    void aClientWithTheJarReachesAClusterWithoutIt() throws Exception {
        assumeFlinksSuiteIsEnabledByThisJvm();
        ClusterCertificates certificates = new ClusterCertificates(dir, () -> TestCertificates.rsa(2048));
        Configuration withoutJar = TlsFixture.with(withoutProtocolsAndSuites(
                cluster(certificates, ClusterCertificates.sha1(certificates.internal.certificate()))),
                "security.ssl.provider", "JDK");
        String flinkOnly = FlinkProcess.classpathWithoutDropIn();

        // the test's own JVM is the client, with the jar first; it runs the job once more in startCluster
        Cluster running = startCluster(certificates, withoutJar, withoutJar, flinkOnly, withoutJar, flinkOnly);

        assertThat(running.jobManager.log()).as("the JobManager ran without the jar").doesNotContain("TLS context for");
        try (org.apache.flink.client.program.rest.RestClusterClient<String> client =
                new org.apache.flink.client.program.rest.RestClusterClient<>(running.client, "with-jar")) {
            assertThat(client.listJobs().get()).hasSize(1);
        }
    }

    private static void assumeFlinksSuiteIsEnabledByThisJvm() throws Exception {
        javax.net.ssl.SSLContext jdk = javax.net.ssl.SSLContext.getInstance("TLS");
        jdk.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.util.Arrays.asList(jdk.getDefaultSSLParameters().getCipherSuites()).contains("TLS_RSA_WITH_AES_128_CBC_SHA"),
                "this JVM disables Flink's own default suite (FLINK-39022): Flink without the jar cannot use TLS here at all");
    }

    private static Configuration withoutProtocolsAndSuites(Configuration config) {
        return TlsFixture.without(config, "security.ssl.protocol", "security.ssl.algorithms");
    }

    /** A running JobManager with two TaskManagers that have run the job once. */
    private final class Cluster {
        final FlinkProcess jobManager;
        final URI rest;
        final Configuration client;

        Cluster(FlinkProcess jobManager, URI rest, Configuration client) {
            this.jobManager = jobManager;
            this.rest = rest;
            this.client = client;
        }

        KeyedSumJob.Result runJob() throws Exception {
            return KeyedSumJob.run(
                    StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), client), RECORDS);
        }
    }

    private Cluster startCluster(ClusterCertificates certificates, Configuration cluster) throws Exception {
        return startCluster(certificates, cluster, cluster, FlinkProcess.classpath(), cluster, FlinkProcess.classpath());
    }

    /** A JobManager and two TaskManagers, each with its own configuration and classpath (with or without the jar). */
    private Cluster startCluster(
            ClusterCertificates certificates,
            Configuration cluster,
            Configuration first,
            String firstClasspath,
            Configuration second,
            String secondClasspath) throws Exception {
        FlinkProcess jobManager = start("jobmanager", FlinkProcess.JOB_MANAGER, cluster, firstClasspath);
        start("taskmanager-1", FlinkProcess.TASK_MANAGER, first, firstClasspath);
        start("taskmanager-2", FlinkProcess.TASK_MANAGER, second, secondClasspath);
        int restPort = restPort(jobManager);
        URI rest = URI.create("https://localhost:" + restPort);
        awaitTaskManagers(certificates, rest, 2, jobManager);
        Cluster running = new Cluster(jobManager, rest, certificates.restClientOf(cluster, "localhost", restPort));
        assertThat(running.runJob().sums).isEqualTo(KeyedSumJob.expected(RECORDS));
        return running;
    }

    /**
     * RSA, TLS 1.2 and an ECDHE-RSA suite: Flink's RPC layer (Pekko) builds its TLS from the same
     * options, offers one protocol only, and uses the JDK engine.
     */
    private static Configuration cluster(ClusterCertificates certificates, String pins) throws IOException {
        Configuration cluster = certificates.cluster("OPENSSL");
        cluster.setString(PINS, pins);
        cluster.setString("security.ssl.protocol", "TLSv1.2");
        cluster.setString("security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        cluster.setString("jobmanager.rpc.address", "localhost");
        cluster.setString("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        cluster.setString("jobmanager.bind-host", "localhost");
        cluster.setString("taskmanager.bind-host", "localhost");
        cluster.setString("taskmanager.host", "localhost");
        // ports the other processes must know come from below the kernel's ephemeral range (FreePorts), where no
        // outgoing connection takes them first; REST binds one of its own, and the tests read it from the log
        cluster.setString("rest.bind-port", "0");
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
        return cluster;
    }

    private static Configuration withKeyStore(Configuration config, ClusterCertificates certificates, Identity identity) {
        return TlsFixture.with(config, "security.ssl.internal.keystore", certificates.keyStoreOf(identity).toString());
    }

    private FlinkProcess start(String name, String mainClass, Configuration config, String classpath, String... arguments)
            throws IOException {
        FlinkProcess process = FlinkProcess.start(name, mainClass, config, classpath, dir, arguments);
        processes.add(process);
        return process;
    }

    private static RestProbe.Answer overview(ClusterCertificates certificates, URI rest) throws Exception {
        return RestProbe.get(certificates.httpClientContext(true), rest, "/overview");
    }

    /** Polls the REST overview until the cluster reports {@code count} TaskManagers, or fails with every process's log. */
    private void awaitTaskManagers(ClusterCertificates certificates, URI rest, int count, FlinkProcess jobManager)
            throws Exception {
        awaitTaskManagers(() -> overview(certificates, rest), count, jobManager);
    }

    /** What asks the REST overview. */
    private interface OverviewProbe {
        RestProbe.Answer get() throws Exception;
    }

    private void awaitTaskManagers(OverviewProbe probe, int count, FlinkProcess jobManager) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && jobManager.isAlive()) {
            try {
                RestProbe.Answer answer = probe.get();
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
        for (FlinkProcess process : processes) {
            logs.append("\n===== ").append(process.name()).append(process.isAlive() ? "" : " (exited)").append('\n')
                    .append(process.tail(6000));
        }
        throw new AssertionError("the cluster did not report " + count + " TaskManagers (last: " + last + ")" + logs);
    }

    /** The port the JobManager's REST endpoint bound, from its log line (the same in Flink 1.20 to 2.3). */
    private static int restPort(FlinkProcess jobManager) throws IOException, InterruptedException {
        assertThat(jobManager.awaitLog("Rest endpoint listening at", STARTUP))
                .as("the JobManager's REST endpoint started:\n%s", jobManager.tail(6000)).isTrue();
        java.util.regex.Matcher bound =
                java.util.regex.Pattern.compile("Rest endpoint listening at \\S+:(\\d+)").matcher(jobManager.log());
        assertThat(bound.find()).as("the port in the JobManager's log").isTrue();
        return Integer.parseInt(bound.group(1));
    }
}
