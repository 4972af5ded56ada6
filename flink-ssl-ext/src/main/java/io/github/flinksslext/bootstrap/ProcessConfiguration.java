package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.ValueParsers;

import org.apache.flink.configuration.Configuration;

/**
 * The configuration this Flink process started with, as Flink handed it to the early hook. Its one
 * reader is RPC trust, which Pekko builds without a configuration of its own to ask.
 */
final class ProcessConfiguration {

    private static volatile Configuration started;

    private ProcessConfiguration() {}

    static void remember(Configuration config) {
        started = config;
    }

    /** {@code security.ssl.internal.cert.pin-only} of this process; false (the stronger check) when unknown. */
    static boolean internalPinOnly() {
        Configuration config = started;
        return config != null
                && ValueParsers.parseBoolean(SslOptions.INTERNAL_CERT_PIN_ONLY.lookupOrDefault(config).get());
    }
}
