package io.github.flinksslext.bench;

import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * REST calls as Flink's command line makes them: {@link RestClusterClient} against an embedded
 * cluster whose REST endpoint runs TLS with mutual authentication, both ends in the fork and both
 * through the same {@code SSLUtils}. Flink's RestClient opens a new connection, so a new TLS
 * handshake, for every request. {@code request}: one {@code listJobs} on a client built once (a
 * long-lived client, the web UI's backend pattern); {@code command}: a new RestClusterClient, one
 * {@code listJobs}, closed (one CLI command: the REST client context is requested again).
 *
 * <p>Flink's own SSLUtils runs in forks without the drop-in jar. Its OPENSSL runs on Flink's
 * shaded tcnative with static BoringSSL ({@link ForkClasspath}): Flink's
 * {@code flink-shaded-netty-tcnative-dynamic} links OpenSSL 1.0.x and libapr, which neither this
 * machine's Debian 12 nor most current distributions have.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RestRequestsBenchmark {

    /** An embedded cluster with REST TLS, and a REST client configured as an operator's CLI. */
    abstract static class Cluster {
        private MiniCluster cluster;
        Configuration clientConfig;
        RestClusterClient<StandaloneClusterId> client;

        /** @param groups the REST key-exchange groups of the jar, or null to leave the option unset */
        void start(String provider, String groups) throws Exception {
            TlsFixture fixture = new TlsFixture(TempDirs.create("flink-ssl-ext-rest-bench"));
            Identity ca = TestCertificates.identity("bench-rest-ca").keys(TestCertificates.ecP256()).ca().build();
            Identity server = ca.issue("flink-rest").keys(TestCertificates.ecP256()).dnsName("localhost").build();
            Identity operator = ca.issue("operator").keys(TestCertificates.ecP256()).build();
            Path trust = fixture.trustStore(ca.certificate());

            Configuration config = new Configuration();
            config.setString("security.ssl.provider", provider);
            config.setString("security.ssl.rest.enabled", "true");
            config.setString("security.ssl.rest.authentication-enabled", "true");
            config.setString("security.ssl.protocol", "TLSv1.3");
            config.setString("security.ssl.algorithms", "TLS_AES_128_GCM_SHA256");
            if (groups != null) {
                config.setString("security.ssl.rest.key-exchange-groups", groups);
            }
            config.setString("security.ssl.rest.keystore", fixture.keyStore(server).toString());
            config.setString("security.ssl.rest.keystore-password", TlsFixture.STORE_PASSWORD);
            config.setString("security.ssl.rest.key-password", TlsFixture.KEY_PASSWORD);
            config.setString("security.ssl.rest.truststore", trust.toString());
            config.setString("security.ssl.rest.truststore-password", TlsFixture.TRUST_PASSWORD);
            config.setString("rest.address", "localhost");
            config.setString("rest.bind-address", "localhost");
            config.setString("rest.bind-port", "0");
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(config)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(1)
                    .build());
            cluster.start();

            clientConfig = new Configuration(config);
            clientConfig.setString("security.ssl.rest.keystore", fixture.keyStore(operator).toString());
            clientConfig.setString("rest.port", Integer.toString(cluster.getRestAddress().get().getPort()));
            clientConfig.setString("rest.retry.max-attempts", "0");
            client = new RestClusterClient<>(clientConfig, StandaloneClusterId.getInstance());
            // the first answer proves the whole path (TLS both ways, the leader known) before measuring
            client.listJobs().get(60, TimeUnit.SECONDS);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class JarCluster extends Cluster {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        /**
         * {@code default}: the option unset, so OPENSSL offers the hybrid X25519MLKEM768 first;
         * {@code X25519}: the key exchange Flink's own OPENSSL negotiates (BoringSSL's default).
         */
        @Param({"default"})
        public String groups;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            NetworkThroughputBenchmark.requireSslUtilsFrom("flink-ssl-ext");
            start(provider, groups.equals("default") ? null : groups);
        }
    }

    /** Flink's own SSLUtils, OPENSSL on the tcnative its forks get ({@link ForkClasspath}). */
    @State(Scope.Benchmark)
    public static class UpstreamCluster extends Cluster {
        @Param({"JDK", "OPENSSL"})
        public String provider;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            NetworkThroughputBenchmark.requireSslUtilsFrom("flink-runtime");
            start(provider, null);
        }
    }

    @Benchmark
    public Object jarRequest(JarCluster cluster) throws Exception {
        return cluster.client.listJobs().get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", ForkClasspath.WITHOUT_DROP_IN_JAR})
    public Object upstreamRequest(UpstreamCluster cluster) throws Exception {
        return cluster.client.listJobs().get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object jarCommand(JarCluster cluster) throws Exception {
        return command(cluster.clientConfig);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", ForkClasspath.WITHOUT_DROP_IN_JAR})
    public Object upstreamCommand(UpstreamCluster cluster) throws Exception {
        return command(cluster.clientConfig);
    }

    private static Object command(Configuration clientConfig) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client =
                new RestClusterClient<>(clientConfig, StandaloneClusterId.getInstance())) {
            return client.listJobs().get(30, TimeUnit.SECONDS);
        }
    }
}
