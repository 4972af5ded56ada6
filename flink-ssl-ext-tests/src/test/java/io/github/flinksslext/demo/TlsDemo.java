package io.github.flinksslext.demo;

import io.github.flinksslext.cluster.ClusterCertificates;
import io.github.flinksslext.cluster.KeyedSumJob;
import io.github.flinksslext.cluster.RestProbe;
import io.github.flinksslext.cluster.TlsMiniCluster;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.trust.PinVerifications;
import io.github.flinksslext.trust.PinVerifications.PinVerification;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The README's main job: throwaway certificates, an embedded Flink cluster with internal and REST
 * TLS through the drop-in jar (OPENSSL, a SHA-256 pin), a job that shuffles records between two
 * TaskManagers, the REST API over HTTPS with mutual TLS, and a report of what the live
 * connections negotiated. Exits non-zero if anything failed.
 */
public final class TlsDemo {

    private static final long RECORDS = 1_000_000;
    private static final String INTERNAL_PINS = "security.ssl.internal.cert.fingerprint";

    private final List<String> failures = new ArrayList<>();
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path log = Paths.get("target", "tls-demo.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        // before anything logs: Flink's and the jar's log lines go to the file, the console keeps the report
        System.setProperty("demo.log.file", log.toString());
        System.setProperty("log4j2.configurationFile", "demo-log4j2.properties");
        int status = new TlsDemo().run(log);
        System.exit(status);
    }

    private int run(Path log) throws Exception {
        System.out.println("flink-ssl-ext demo (Flink " + EnvironmentInformation.getVersion() + ", logs in " + log + ")");
        Path dir = Files.createTempDirectory("flink-ssl-ext-demo");
        ClusterCertificates certificates = new ClusterCertificates(dir);
        step(1, "throwaway CA, internal, REST server and operator certificates (EC P-256) in " + dir);
        Configuration config = certificates.cluster("OPENSSL");
        step(2, "SSLUtils is the drop-in jar's: " + SSLUtils.class.getProtectionDomain().getCodeSource().getLocation().getPath());

        try (TlsMiniCluster cluster = TlsMiniCluster.start(config)) {
            step(3, "embedded cluster up: 2 TaskManagers, internal TLS pinned to SHA-256 "
                    + abbreviate(config.toMap().get(INTERNAL_PINS)) + ", REST on " + cluster.restAddress());
            Configuration client = certificates.restClientOf(config, "localhost", cluster.restAddress().getPort());

            Instant jobStart = Instant.now();
            KeyedSumJob.Result result = KeyedSumJob.run(cluster.remoteEnvironment(client), RECORDS);
            boolean exact = result.sums.equals(KeyedSumJob.expected(RECORDS));
            check(exact, "the job's sums are not the expected ones");
            step(4, String.format(Locale.ROOT, "keyed job across TaskManagers, submitted over REST mutual TLS: %,d records in %.1f s, sums %s",
                    result.records, result.millis / 1000.0, exact ? "exact" : "WRONG"));
            dataPlaneReport(jobStart);

            RestProbe.Answer overview = RestProbe.get(certificates.httpClientContext(true), cluster.restAddress(), "/overview");
            check(overview.status == 200 && overview.body.contains("\"taskmanagers\":2"), "REST /overview answered " + overview.status);
            boolean refused;
            try {
                RestProbe.get(certificates.httpClientContext(false), cluster.restAddress(), "/overview");
                refused = false;
            } catch (IOException expected) {
                refused = true;
            }
            check(refused, "a REST client without a certificate was not refused");
            step(5, "REST /overview over HTTPS (JDK HttpClient, operator certificate): " + overview.status
                    + "; without a certificate: " + (refused ? "refused" : "NOT refused"));
            report.add(row("REST", overview.protocol + " " + overview.cipherSuite + " (mutual TLS, read from the HTTP client's session)"));
            report.add(row("records moved", String.format(Locale.ROOT, "%,d in %.1f s = %,.0f records/s across 2 TaskManagers",
                    result.records, result.millis / 1000.0, result.records * 1000.0 / Math.max(1, result.millis))));
        } catch (Exception e) {
            failures.add("the cluster failed: " + e);
            e.printStackTrace(System.out);
        }

        System.out.println();
        System.out.println("Report");
        System.out.println(row("provider", "OPENSSL (" + OpenSslSupport.versionString() + ", bundled in the drop-in jar)"));
        report.forEach(System.out::println);
        for (String failure : failures) {
            System.out.println("FAILED: " + failure);
        }
        System.out.println(failures.isEmpty() ? "demo passed" : "demo FAILED");
        return failures.isEmpty() ? 0 : 1;
    }

    /** What the internal connections opened by the job negotiated, from the pin checks of their handshakes. */
    private void dataPlaneReport(Instant jobStart) {
        Set<String> sessions = new LinkedHashSet<>();
        Set<String> peers = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        int verified = 0;
        for (PinVerification v : PinVerifications.recent()) {
            if (v.optionKey.equals(INTERNAL_PINS) && !v.at.isBefore(jobStart)) {
                verified++;
                sessions.add(v.protocol() + " " + v.cipherSuite());
                peers.add(v.peerRole + " " + v.peerSubject);
                if (!v.keyExchangeGroup().equals("unknown")) {
                    groups.add(v.keyExchangeGroup()); // OPENSSL engines name it; the JDK's (RPC, blob) do not
                }
            }
        }
        check(verified > 0, "no internal connection of the job was pin-verified");
        check(groups.equals(Set.of("X25519MLKEM768")), "the data plane negotiated " + groups + ", not X25519MLKEM768");
        report.add(row("data plane", String.join(", ", sessions) + " (read from " + verified + " live handshakes)"));
        report.add(row("key exchange", String.join(", ", groups) + " (hybrid post-quantum ML-KEM, read from the live sessions)"));
        report.add(row("pin", "SHA-256 fingerprint verified after chain validation for " + String.join(", ", peers)));
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    private static void step(int number, String text) {
        System.out.println("[" + number + "/5] " + text);
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "  %-14s %s", name, value);
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.length() > 23 ? fingerprint.substring(0, 23) + "..." : fingerprint;
    }
}
