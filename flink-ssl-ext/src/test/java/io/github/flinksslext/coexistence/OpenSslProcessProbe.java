package io.github.flinksslext.coexistence;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.OpenSsl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * A JVM of its own with a class path the test chose: starts as a Flink process does
 * ({@code FileSystem.initialize} with its configuration), then asks Netty directly whether OpenSSL
 * is there (as Flink's own test classes do), then runs an internal TLS exchange through the
 * {@code SSLUtils} on the class path. Arguments: the provider, a directory for its stores. Prints one
 * line per step; exits 1 on the first failure.
 */
public final class OpenSslProcessProbe {

    private OpenSslProcessProbe() {}

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        Path dir = Paths.get(args[1]);
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Configuration config = TlsFixture.with(
                new TlsFixture(dir).internal(ca.issue("node").build(), ca.certificate()), "security.ssl.provider", provider);
        try {
            FileSystem.initialize(config, null);
            System.out.println("process started; Netty's OpenSsl.isAvailable()=" + OpenSsl.isAvailable());
            byte[] payload = "coexistence".getBytes(StandardCharsets.UTF_8);
            NettyTlsExchange.Outcome outcome = NettyTlsExchange.run(
                    SSLUtils.createInternalServerSSLEngineFactory(config),
                    SSLUtils.createInternalClientSSLEngineFactory(config),
                    payload);
            if (!outcome.succeeded() || !Arrays.equals(outcome.echoed, payload)) {
                throw new IllegalStateException("exchange failed: " + outcome.failureMessages());
            }
            System.out.println("exchange " + outcome.protocol + " " + outcome.cipherSuite
                    + (provider.equals("OPENSSL") ? " on " + OpenSsl.versionString() : ""));
        } catch (Throwable t) {
            System.out.println("FAILED: " + t);
            System.exit(1);
        }
    }
}
