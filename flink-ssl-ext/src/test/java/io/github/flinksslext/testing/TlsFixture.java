package io.github.flinksslext.testing;

import io.github.flinksslext.testing.TestCertificates.Identity;

import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes keystores and truststores into a test's temporary folder and builds Flink
 * configurations from them. The passwords are distinctive so that tests can assert no message
 * ever contains one.
 */
public final class TlsFixture {

    public static final String STORE_PASSWORD = "St0re-pw-7xQ";
    public static final String KEY_PASSWORD = "K3y-pw-9qZ";
    public static final String TRUST_PASSWORD = "Tru5t-pw-4zW";

    private final Path dir;
    private final AtomicInteger files = new AtomicInteger();

    public TlsFixture(Path dir) {
        this.dir = dir;
    }

    public Path keyStore(Identity identity) {
        return keyStore(identity, "PKCS12");
    }

    public Path keyStore(Identity identity, String type) {
        return TestCertificates.keyStore(
                dir.resolve("keystore-" + files.incrementAndGet() + "." + type.toLowerCase()),
                type, STORE_PASSWORD, KEY_PASSWORD, identity);
    }

    public Path trustStore(X509Certificate... trusted) {
        return trustStore("PKCS12", trusted);
    }

    public Path trustStore(String type, X509Certificate... trusted) {
        return TestCertificates.trustStore(
                dir.resolve("truststore-" + files.incrementAndGet() + "." + type.toLowerCase()),
                type, TRUST_PASSWORD, trusted);
    }

    /** Internal TLS on, with the unprefixed (fallback) keys, as Flink's docs show. */
    public Configuration internal(Identity identity, X509Certificate... trusted) {
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.keystore", keyStore(identity).toString());
        config.setString("security.ssl.keystore-password", STORE_PASSWORD);
        config.setString("security.ssl.key-password", KEY_PASSWORD);
        config.setString("security.ssl.truststore", trustStore(trusted).toString());
        config.setString("security.ssl.truststore-password", TRUST_PASSWORD);
        return config;
    }

    /** REST TLS on, server side material; {@code trusted} may be empty for no truststore. */
    public Configuration rest(Identity identity, X509Certificate... trusted) {
        Configuration config = new Configuration();
        config.setString("security.ssl.rest.enabled", "true");
        if (identity != null) {
            config.setString("security.ssl.rest.keystore", keyStore(identity).toString());
            config.setString("security.ssl.rest.keystore-password", STORE_PASSWORD);
            config.setString("security.ssl.rest.key-password", KEY_PASSWORD);
        }
        if (trusted.length > 0) {
            config.setString("security.ssl.rest.truststore", trustStore(trusted).toString());
            config.setString("security.ssl.rest.truststore-password", TRUST_PASSWORD);
        }
        return config;
    }

    /** A copy of {@code base} without the given keys. */
    public static Configuration without(Configuration base, String... keys) {
        Configuration copy = new Configuration(base);
        for (String key : keys) {
            copy.removeConfig(ConfigOptions.key(key).stringType().noDefaultValue());
        }
        return copy;
    }

    public static Configuration with(Configuration base, String key, String value) {
        Configuration copy = new Configuration(base);
        copy.setString(key, value);
        return copy;
    }
}
