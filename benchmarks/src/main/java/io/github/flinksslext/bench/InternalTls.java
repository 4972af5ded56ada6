package io.github.flinksslext.bench;

import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.time.Instant;

/** Throwaway internal TLS material for a benchmark: a node certificate, what trusts it, stores, a configuration. */
public final class InternalTls {

    /** How the node's certificate is trusted. */
    public enum Layout {
        /** A CA issues the node's certificate; the truststore holds the CA (cert-manager, a company CA). */
        CA_ISSUED,
        /**
         * Flink's documented internal setup: one self-signed certificate (keytool -genkeypair), which
         * is the node's own and the one the truststore holds, so the chain is the trust anchor itself.
         */
        SELF_SIGNED
    }

    /** The certificate the truststore holds: the CA, or in the self-signed layout the node's own. */
    public final Identity ca;
    public final Identity node;
    public final Configuration configuration;

    private InternalTls(Identity ca, Identity node, Configuration configuration) {
        this.ca = ca;
        this.node = node;
        this.configuration = configuration;
    }

    /**
     * @param protocol a value for security.ssl.protocol
     * @param pinned whether the node's own certificate is pinned (SHA-256 public-key pin)
     */
    public static InternalTls create(KeyType key, String provider, String protocol, boolean pinned) {
        return create(key, provider, protocol, pinned, Layout.CA_ISSUED);
    }

    public static InternalTls create(KeyType key, String provider, String protocol, boolean pinned, Layout layout) {
        // a year: inside the expiry warning window, every fork would log WARN lines between iterations
        Instant now = Instant.now().minus(Duration.ofHours(1));
        Instant until = now.plus(Duration.ofDays(365));
        Identity node;
        Identity ca;
        if (layout == Layout.SELF_SIGNED) {
            node = TestCertificates.identity("bench-node").keys(key.generate()).validity(now, until).build();
            ca = node;
        } else {
            ca = TestCertificates.identity("bench-ca").keys(key.generate()).validity(now, until).ca().build();
            node = ca.issue("bench-node").keys(key.generate()).validity(now, until).build();
        }
        Configuration config = new TlsFixture(TempDirs.create("flink-ssl-ext-bench")).internal(node, ca.certificate());
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.protocol", protocol);
        if (pinned) {
            config.setString("security.ssl.internal.cert.fingerprint", PinForms.PUBLIC_KEY_SHA256.of(node.certificate()));
        }
        return new InternalTls(ca, node, config);
    }

}
