package io.github.flinksslext.spi;

import io.github.flinksslext.config.SslConfigurationException;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OPENSSL where BoringSSL cannot load is a startup error naming the option and the platforms the
 * jar covers. Run in a child JVM in which shaded Netty is told OpenSSL is absent, since a JVM
 * decides that once.
 */
class OpenSslUnavailableTest {

    /** The child JVM: asks for OPENSSL and prints the refusal. */
    public static void main(String[] args) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.provider", "OPENSSL");
        try {
            SSLUtils.createInternalServerSSLEngineFactory(config);
            System.out.println("NOT REFUSED");
        } catch (SslConfigurationException e) {
            System.out.println("REFUSED " + e.optionKey() + " | " + e.getMessage());
        } catch (Exception e) {
            System.out.println("OTHER " + e);
        }
    }

    @Test
    void openSslUnavailableIsRefusedNamingTheProvider() throws Exception {
        Process child = new ProcessBuilder(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Dorg.apache.flink.shaded.netty4.io.netty.handler.ssl.noOpenSsl=true",
                "-cp", System.getProperty("java.class.path"),
                OpenSslUnavailableTest.class.getName())
                .redirectErrorStream(false)
                .start();
        child.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("REFUSED security.ssl.provider")
                .contains("OPENSSL is not available").contains("linux-x86_64").contains("set JDK");
    }
}
