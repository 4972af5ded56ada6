package io.github.flinksslext.hook;

import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blob server's and client's sockets, built from the internal settings. */
class BlobSocketTest {

    @TempDir
    Path dir;

    @Test
    void blobServerAndClientExchangeBytesOverMutualTls() throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Configuration config = new TlsFixture(dir).internal(ca.issue("blob").build(), ca.certificate());
        config.setString("security.ssl.protocol", "TLSv1.2");
        config.setString("security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

        try (SSLServerSocket server = (SSLServerSocket)
                SSLUtils.createSSLServerSocketFactory(config).createServerSocket(0, 1, TestCertificates.loopback())) {
            assertThat(server.getNeedClientAuth()).isTrue();
            assertThat(server.getEnabledProtocols()).containsExactly("TLSv1.2");
            assertThat(server.getEnabledCipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    DataInputStream in = new DataInputStream(accepted.getInputStream());
                    int value = in.readInt();
                    new DataOutputStream(accepted.getOutputStream()).writeInt(value + 1);
                    return value;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket)
                    SSLUtils.createSSLClientSocketFactory(config).createSocket(TestCertificates.loopback(), server.getLocalPort())) {
                assertThat(client.getEnabledProtocols()).containsExactly("TLSv1.2");
                new DataOutputStream(client.getOutputStream()).writeInt(41);
                assertThat(new DataInputStream(client.getInputStream()).readInt()).isEqualTo(42);
                assertThat(client.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
            }
            assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo(41);
        }
    }

    @Test
    void socketFactoriesNeedInternalTls() {
        assertThatThrownBy(() -> SSLUtils.createSSLServerSocketFactory(new Configuration()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("security.ssl.internal.enabled");
        assertThatThrownBy(() -> SSLUtils.createSSLClientSocketFactory(new Configuration()))
                .isInstanceOf(IllegalConfigurationException.class);
    }
}
