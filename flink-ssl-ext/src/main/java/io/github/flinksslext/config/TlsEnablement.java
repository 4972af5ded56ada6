package io.github.flinksslext.config;

import org.apache.flink.configuration.Configuration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether internal and REST TLS are on, decided exactly as the running Flink decides it, so that
 * the jar and Flink's own callers always agree. The legacy {@code security.ssl.enabled} counts
 * only where the running Flink still has it (1.x).
 */
public final class TlsEnablement {

    private static final Logger LOG = LoggerFactory.getLogger(TlsEnablement.class);
    private static final boolean LEGACY_KEY_SUPPORTED = runningFlinkHasLegacyKey();
    private static final AtomicBoolean LEGACY_IGNORED_LOGGED = new AtomicBoolean();

    private TlsEnablement() {}

    public static boolean isInternalEnabled(Configuration config) {
        return enabled(config, SslOptions.INTERNAL_ENABLED);
    }

    public static boolean isRestEnabled(Configuration config) {
        return enabled(config, SslOptions.REST_ENABLED);
    }

    public static boolean isRestAuthenticationEnabled(Configuration config) {
        return isRestEnabled(config)
                && ValueParsers.parseBoolean(SslOptions.REST_AUTHENTICATION_ENABLED.lookupOrDefault(config).get());
    }

    private static boolean enabled(Configuration config, SslOption option) {
        Optional<OptionValue> own = option.lookup(config);
        if (own.isPresent()) {
            return ValueParsers.parseBoolean(own.get());
        }
        Optional<OptionValue> legacy = SslOptions.LEGACY_ENABLED.lookup(config);
        if (!legacy.isPresent()) {
            return false;
        }
        if (LEGACY_KEY_SUPPORTED) {
            return ValueParsers.parseBoolean(legacy.get());
        }
        if (LEGACY_IGNORED_LOGGED.compareAndSet(false, true)) {
            LOG.warn(
                    "'{}' is set but this Flink version ignores it; set '{}' and '{}' instead.",
                    SslOptions.LEGACY_ENABLED.key(),
                    SslOptions.INTERNAL_ENABLED.key(),
                    SslOptions.REST_ENABLED.key());
        }
        return false;
    }

    /** Flink 1.x declares SecurityOptions.SSL_ENABLED; Flink 2.x removed it. */
    private static boolean runningFlinkHasLegacyKey() {
        try {
            Class.forName("org.apache.flink.configuration.SecurityOptions").getField("SSL_ENABLED");
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    public static boolean legacyKeySupported() {
        return LEGACY_KEY_SUPPORTED;
    }
}
