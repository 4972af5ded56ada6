package io.github.flinksslext.engine;

import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM-wide javax.net.ssl.keyStore (or trustStore) that is broken and has nothing to do with Flink
 * must not stop Flink's TLS: the jar never uses the JVM's default SSLContext, nor the JVM's default
 * truststore where the configuration names one. Checked in a JVM of its own, so that the broken
 * properties reach no other test.
 */
class JvmTlsDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void contextsAndCapabilitiesWorkDespiteABrokenJvmKeyStoreAndTrustStore() throws Exception {
        Identity ca = TestCertificates.identity("ca").ca().build();
        Configuration config = new TlsFixture(dir).internal(ca.issue("node").dnsName("localhost").build(), ca.certificate());
        config.setString("security.ssl.rest.enabled", "true");
        Path broken = Files.write(dir.resolve("not-a-keystore.p12"), "garbage".getBytes(StandardCharsets.US_ASCII));

        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.keyStore=" + broken,
                "-Djavax.net.ssl.keyStorePassword=wrong",
                "-Djavax.net.ssl.trustStore=" + dir.resolve("missing-truststore.p12"),
                "-cp", System.getProperty("java.class.path"),
                BrokenJvmDefaultsProbe.class.getName()));
        for (Map.Entry<String, String> entry : config.toMap().entrySet()) {
            command.add(entry.getKey() + "=" + entry.getValue());
        }
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = read(probe);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        EngineCapabilities healthy = EngineCapabilities.of(SslProvider.JDK);
        assertThat(output)
                .contains("permittedProtocols=" + healthy.permittedProtocols())
                .contains("supportsTLS_AES_128_GCM_SHA256=" + healthy.supportsCipherSuite("TLS_AES_128_GCM_SHA256"))
                .contains("contexts built");
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
