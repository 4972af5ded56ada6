package io.github.flinksslext.cli;

import io.github.flinksslext.cli.CommandLineRun.Result;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.github.flinksslext.testing.TlsFixture.KEY_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.STORE_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.TRUST_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} as an operator runs it ({@code java -jar} from Flink's lib/): correct
 * configurations pass with the report that matters, each broken one fails naming its option, and
 * nothing secret or raw from a certificate reaches the terminal.
 */
class CheckCommandTest {

    private static final String DROP_IN_NAME = Path.of(System.getProperty("dropin.jar")).getFileName().toString();

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;

    @BeforeEach
    void material() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("check-ca").ca().keys(TestCertificates.ecP256()).build();
    }

    /** Flink's config.yaml: one flat key a line, values single-quoted. */
    static Path writeConfig(Configuration config, Path file) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, String> entry : config.toMap().entrySet()) {
            yaml.append(entry.getKey()).append(": '").append(entry.getValue().replace("'", "''")).append("'\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, yaml.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private Result check(Configuration config, String... options) throws Exception {
        Path conf = writeConfig(config, dir.resolve("conf-" + System.nanoTime()).resolve("config.yaml")).getParent();
        String[] arguments = new String[options.length + 2];
        arguments[0] = "check";
        System.arraycopy(options, 0, arguments, 1, options.length);
        arguments[arguments.length - 1] = conf.toString();
        Result result = CommandLineRun.javaJar(arguments);
        assertThat(result.out + result.err).doesNotContain(STORE_PASSWORD).doesNotContain(KEY_PASSWORD)
                .doesNotContain(TRUST_PASSWORD);
        return result;
    }

    /** Internal and REST mutual TLS, pinned, EC keys, one protocol with suites Pekko can use. */
    private Configuration good(String storeType, String provider, Identity node, Identity restServer) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        stores(config, "internal", node, storeType);
        config.setString("security.ssl.internal.cert.fingerprint", PinForms.SHA256_COLONS_LOWER.of(node.certificate()));
        config.setString("security.ssl.rest.enabled", "true");
        config.setString("security.ssl.rest.authentication-enabled", "true");
        stores(config, "rest", restServer, storeType);
        config.setString("security.ssl.protocol", "TLSv1.3");
        config.setString("security.ssl.algorithms", "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384");
        config.setString("security.ssl.provider", provider);
        return config;
    }

    /** The keystore with {@code identity} and a truststore with the CA, for one endpoint. */
    private void stores(Configuration config, String endpoint, Identity identity, String storeType) {
        String prefix = "security.ssl." + endpoint + ".";
        config.setString(prefix + "keystore", fixture.keyStore(identity, storeType).toString());
        config.setString(prefix + "keystore-password", STORE_PASSWORD);
        config.setString(prefix + "key-password", KEY_PASSWORD);
        config.setString(prefix + "keystore-type", storeType);
        config.setString(prefix + "truststore", fixture.trustStore(storeType, ca.certificate()).toString());
        config.setString(prefix + "truststore-password", TRUST_PASSWORD);
        config.setString(prefix + "truststore-type", storeType);
    }

    private Identity node() {
        return ca.issue("taskmanager").keys(TestCertificates.ecP256()).build();
    }

    private Identity restServer() {
        return ca.issue("jobmanager").keys(TestCertificates.ecP256()).dnsName("localhost").dnsName("jm.flink.svc").build();
    }

    @ParameterizedTest(name = "{0} stores, {1}")
    @CsvSource({"PKCS12, JDK", "JKS, JDK", "PKCS12, OPENSSL", "JKS, OPENSSL"})
    void aCorrectConfigurationPassesWithTheReportThatMatters(String storeType, String provider) throws Exception {
        Identity node = node();
        Identity server = restServer();
        Result result = check(good(storeType, provider, node, server));

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out)
                .contains("internal TLS (data plane, blob server, RPC): on, mutual TLS")
                .contains("REST TLS (REST endpoint, CLI, web UI): on, mutual TLS")
                .containsPattern("handshake +TLSv1\\.3 TLS_AES_(128|256)_GCM_SHA(256|384) \\(between two processes")
                .containsPattern("handshake +TLSv1\\.3 TLS_AES_\\w+ \\(Flink's REST client with this configuration")
                .containsPattern("protocols +TLSv1\\.3\\n")
                .contains("subject   O=flink-ssl-ext tests,CN=taskmanager")
                .contains("SANs      localhost, jm.flink.svc")
                .contains("issuer    O=flink-ssl-ext tests,CN=check-ca")
                .contains("key       EC 256")
                .containsPattern("expires   \\S+ \\(29 days left\\)")
                .contains("SHA-1     " + PinForms.SHA1_COLONS_UPPER.of(node.certificate()))
                .contains("SHA-256   " + PinForms.SHA256_COLONS_LOWER.of(node.certificate()).toUpperCase())
                .contains("key pin   " + PinForms.PUBLIC_KEY_SHA256.of(node.certificate()))
                .contains("'security.ssl.internal.cert.fingerprint': chain checked, then pins")
                .contains("matches own certificate 'O=flink-ssl-ext tests,CN=taskmanager'")
                .contains("truststore   " + dir)
                .contains("hostname verification off")
                .contains("RPC (Pekko): TLSv1.3 with TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 (JDK engine)")
                .contains("works        yes")
                .containsPattern("Result: OK, 0 problems, \\d+ warnings?");
        if (provider.equals("OPENSSL")) {
            assertThat(result.out).contains("server       OPENSSL (BoringSSL").contains("blob server  JDK");
        } else {
            assertThat(result.out).contains("server       JDK").doesNotContain("OPENSSL");
        }
        // test certificates live 30 days: within the warning window, and said so
        assertThat(result.out).contains("expires in 2").doesNotContain("Problems");
    }

    @Test
    void restHostnameVerificationChecksTheConfiguredName() throws Exception {
        Configuration config = good("PKCS12", "JDK", node(), restServer());
        config.setString("security.ssl.verify-hostname", "true");

        Result matching = check(with(config, "rest.address", "jm.flink.svc"));
        assertThat(matching.exitCode).as(matching.toString()).isZero();
        assertThat(matching.out)
                .contains("hostname verification on: REST clients check the host they connect to, by the JDK's HTTPS"
                        + " rules (the CLI on this machine: 'jm.flink.svc')")
                .containsPattern("handshake +TLSv1\\.3 \\S+ \\(Flink's REST client with this configuration to this REST"
                        + " server, as 'jm.flink.svc'\\)");

        Result other = check(with(config, "rest.address", "flink.example.com"));
        assertThat(other.exitCode).as(other.toString()).isZero();
        assertThat(other.out).contains("handshake    FAILS (see the warnings)")
                .contains("Flink's REST client with this configuration (the CLI on this host) cannot talk to this REST"
                        + " server")
                .contains("No subject alternative DNS name matching flink.example.com found");

        Result unset = check(config);
        assertThat(unset.out).contains("(the CLI on this machine: 'rest.address unset')");
    }

    @Test
    void weakButWorkingSettingsAreWarnedAbout() throws Exception {
        Identity rsa4096 = ca.issue("big-key").keys(TestCertificates.rsa(4096)).build();
        Identity server = ca.issue("jobmanager").keys(TestCertificates.ecP256()).dnsName("localhost")
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(400))).build();
        Configuration config = good("PKCS12", "JDK", rsa4096, server);
        config.removeKey("security.ssl.internal.cert.fingerprint");
        config.setString("security.ssl.rest.authentication-enabled", "false");
        config.setString("security.ssl.protocol", "TLSv1.2");
        config.setString("security.ssl.algorithms",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

        Result result = check(config);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out)
                .contains("REST TLS (REST endpoint, CLI, web UI): on, server authentication only")
                .containsPattern("has an RSA-4096 key: every handshake signs with it, roughly 30x slower than EC P-256")
                .contains("is signed by the CA 'O=flink-ssl-ext tests,CN=check-ca' and no pin is set")
                .contains("Set 'security.ssl.internal.cert.fingerprint: "
                        + PinForms.SHA256_COLONS_LOWER.of(rsa4096.certificate()).toUpperCase())
                .contains("expires in 2")
                .contains("internal TLS offers [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256] (CBC or RSA key exchange")
                .contains("REST runs without mutual TLS")
                .contains("Result: OK, 0 problems");
    }

    /**
     * BoringSSL keeps its own TLS 1.2 suites, CBC among them, where TLS 1.2 is on and the option
     * lists TLS 1.3 suites only: check reports what the engine offers, not what the option says.
     */
    @Test
    void suitesTheOpenSslEngineAddsAreReported() throws Exception {
        Configuration config = good("PKCS12", "OPENSSL", node(), restServer());
        config.setString("security.ssl.protocol", "TLSv1.3,TLSv1.2");
        config.setString("pekko.ssl.enabled", "false");

        Result result = check(config);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out)
                .containsPattern("internal TLS offers \\[[^]]*TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256[^]]*\\] for TLS 1\\.2,"
                        + " which 'security.ssl.algorithms' does not list: the OPENSSL engine keeps its own")
                .containsPattern("internal TLS offers \\[[^]]*TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA[^]]*\\] \\(CBC or RSA")
                .contains("'pekko.ssl.enabled' is false: Flink's RPC layer (Pekko) talks in PLAINTEXT")
                .contains("RPC (Pekko): PLAINTEXT");
    }

    @Test
    void flinksDefaultsForPekkoAreWarnedAboutAndCheckedWithAnRsaKey() throws Exception {
        Identity rsaNode = ca.issue("rsa-node").keys(TestCertificates.rsa(2048)).build();
        Configuration config = fixture.internal(rsaNode, ca.certificate());
        config.setString("security.ssl.internal.cert.fingerprint", PinForms.PUBLIC_KEY_SHA256.of(rsaNode.certificate()));

        Result result = check(config);

        // Pekko gets the running Flink's defaults: TLSv1.2 and TLS_RSA_WITH_AES_128_CBC_SHA on older patch
        // releases (which this JVM may disable), ECDHE-RSA AES-GCM since FLINK-39022
        String defaults = org.apache.flink.configuration.SecurityOptions.SSL_ALGORITHMS.defaultValue();
        assertThat(result.out).contains("internal TLS offers [TLS_RSA_WITH_AES_128_CBC_SHA]")
                .contains("'security.ssl.legacy-suite.enabled: false'");
        if (result.exitCode == 0) {
            assertThat(result.out).contains("RPC (Pekko): TLSv1.2 with " + defaults.replace(",", ", "));
            if (defaults.contains("TLS_RSA_")) {
                assertThat(result.out).contains("Flink's default while 'security.ssl.algorithms' is unset");
            }
        } else {
            assertThat(result.out).contains("Invalid TLS setting 'security.ssl.algorithms'")
                    .contains("Flink's RPC layer (Pekko)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong keystore password       | security.ssl.internal.keystore-password | the password does not open",
        "missing truststore            | security.ssl.internal.truststore        | does not exist",
        "key not matching certificate  | security.ssl.internal.keystore          | does not belong to its certificate",
        "protocol list for Pekko       | security.ssl.protocol                   | Flink's RPC layer (Pekko) takes exactly one protocol",
        "unknown provider              | security.ssl.provider                   | unknown provider 'BORINGSSL'",
        "malformed pin                 | security.ssl.internal.cert.fingerprint  | has a group 'X' that is not two hex digits",
        "expired certificate           | security.ssl.rest.keystore              | expired on",
        "pin of another certificate    | security.ssl.internal.cert.fingerprint  | does not accept this process's own certificate",
        "REST server without keystore  | security.ssl.rest.keystore              | the REST server needs a keystore",
    })
    void aBrokenConfigurationFailsNamingTheOption(String broken, String option, String says) throws Exception {
        Identity node = node();
        Configuration config = good("PKCS12", "JDK", node, restServer());
        switch (broken.trim()) {
            case "wrong keystore password":
                config.setString("security.ssl.internal.keystore-password", "wrong-" + STORE_PASSWORD);
                break;
            case "missing truststore":
                config.setString("security.ssl.internal.truststore", dir.resolve("gone.p12").toString());
                break;
            case "key not matching certificate":
                config.setString("security.ssl.internal.keystore", mismatchedKeyStore(node).toString());
                break;
            case "protocol list for Pekko":
                config.setString("security.ssl.protocol", "TLSv1.3,TLSv1.2");
                break;
            case "unknown provider":
                config.setString("security.ssl.provider", "BORINGSSL");
                break;
            case "malformed pin":
                config.setString("security.ssl.internal.cert.fingerprint", "AB:CD:X");
                break;
            case "expired certificate":
                config.setString("security.ssl.rest.keystore",
                        fixture.keyStore(ca.issue("old-jm").keys(TestCertificates.ecP256()).expired().build()).toString());
                break;
            case "pin of another certificate":
                // another node's certificate (a pin of the CA on the chain would match: pins may name an issuer)
                config.setString("security.ssl.internal.cert.fingerprint",
                        PinForms.SHA256_COLONS_LOWER.of(ca.issue("another-node").build().certificate()));
                break;
            case "REST server without keystore":
                config = TlsFixture.without(config, "security.ssl.rest.keystore", "security.ssl.rest.keystore-password",
                        "security.ssl.rest.key-password");
                break;
            default:
                throw new IllegalArgumentException(broken);
        }

        Result result = check(config);

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.out).contains("Problems (").contains("Invalid TLS setting '" + option.trim() + "'")
                .contains(says.trim()).contains("Result: FAILED");
    }

    private Path mismatchedKeyStore(Identity node) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", node().keys.getPrivate(), KEY_PASSWORD.toCharArray(), node.chain);
        Path file = dir.resolve("mismatched.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    @Test
    void jsonForAutomation() throws Exception {
        Identity node = node();
        Configuration config = with(good("PKCS12", "JDK", node, restServer()), "security.ssl.internal.keystore-password", "wrong");

        Result result = check(config, "--format", "json");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out);
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("problems").get(0).get("option").asText()).isEqualTo("security.ssl.internal.keystore-password");
        assertThat(json.get("endpoints").get(1).get("endpoint").asText()).isEqualTo("REST");
        assertThat(json.get("endpoints").get(1).get("certificates").get(0).get("chain").get(0).get("subjectAlternativeNames")
                .toString()).isEqualTo("[\"localhost\",\"jm.flink.svc\"]");
        assertThat(json.get("rpc").get("works").asBoolean()).isFalse();
    }

    @Test
    void certificateTextIsEscapedAndNoSecretIsPrinted() throws Exception {
        Identity odd = ca.issue("evil\u001b[2J\u202eInjected").keys(TestCertificates.ecP256()).build();
        Configuration config = good("PKCS12", "JDK", odd, restServer());

        Result result = check(config);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("CN=evil\\u001b[2J\\u202eInjected").doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    void withoutArgumentsItReadsTheConfOfTheInstallationTheJarIsIn() throws Exception {
        Path installed = CommandLineRun.flinkHome().resolve("conf").resolve("config.yaml");
        writeConfig(good("PKCS12", "JDK", node(), restServer()), installed);
        try {
            Result result = CommandLineRun.javaJar("check");
            assertThat(result.exitCode).as(result.toString()).isZero();
            assertThat(result.out).contains("check of " + installed)
                    .contains("Result: OK, 0 problems");
        } finally {
            Files.delete(installed);
        }
    }

    @Test
    void outsideFlinksLibTheJarFindsFlinkThroughFlinkHome() throws Exception {
        Path elsewhere = Files.copy(CommandLineRun.flinkHome().resolve("lib").resolve(DROP_IN_NAME),
                dir.resolve(DROP_IN_NAME));
        Path conf = writeConfig(good("PKCS12", "JDK", node(), restServer()), dir.resolve("conf").resolve("config.yaml"));

        Result lost = CommandLineRun.run(elsewhere, Map.of(), "check", conf.toString());
        assertThat(lost.exitCode).as(lost.toString()).isEqualTo(2);
        assertThat(lost.err).contains("no Flink jars found in '" + dir + "'").contains("set FLINK_HOME");

        Result found = CommandLineRun.run(elsewhere, Map.of("FLINK_HOME", CommandLineRun.flinkHome().toString()),
                "check", conf.toString());
        assertThat(found.exitCode).as(found.toString()).isZero();
        assertThat(found.out).contains("Result: OK, 0 problems");
    }

    /**
     * Flink's scripts order lib/ by name, and so does the launcher: with Flink's tcnative jar in
     * lib/, whose name sorts first, check reports what a Flink process there would report.
     */
    @Test
    void openSslBehindFlinksTcnativeJarInLibIsAProblem() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("flink-with-tcnative").resolve("lib"));
        try (java.util.stream.Stream<Path> jars = Files.list(CommandLineRun.flinkHome().resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toRealPath());
            }
        }
        Path tcnative = Path.of(System.getProperty("flink.tcnative.jar"));
        Files.createSymbolicLink(lib.resolve(tcnative.getFileName()), tcnative);
        Path conf = writeConfig(good("PKCS12", "OPENSSL", node(), restServer()), dir.resolve("conf").resolve("config.yaml"));

        Result result = CommandLineRun.run(lib.resolve(DROP_IN_NAME), Map.of(), "check", conf.toString());

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.out).contains("Invalid TLS setting 'security.ssl.provider': OPENSSL cannot be used")
                .contains(tcnative.getFileName().toString()).contains("comes before this jar");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Result missing = CommandLineRun.javaJar("check", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains("No such file or folder");

        Result unknown = CommandLineRun.javaJar("check", "--frobnicate");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown option: '--frobnicate'");

        Result help = CommandLineRun.javaJar("check", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("Usage: java -jar flink-ssl-ext.jar check").contains("--format");
    }
}
