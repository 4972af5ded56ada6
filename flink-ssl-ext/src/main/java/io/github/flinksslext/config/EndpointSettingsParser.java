package io.github.flinksslext.config;

import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one endpoint's settings from a Flink configuration with Flink's fallbacks, and rejects
 * values of the wrong form. Whether the files open and fit together is checked later, when a
 * context is built.
 */
public final class EndpointSettingsParser {

    /** Offered when {@code security.ssl.protocol} is unset (Flink's own default is TLSv1.2 only). */
    public static final List<String> DEFAULT_PROTOCOLS =
            Collections.unmodifiableList(Arrays.asList("TLSv1.3", "TLSv1.2"));

    /**
     * Offered when {@code security.ssl.algorithms} is unset: AEAD suites with forward secrecy.
     * Flink 1.x's default, TLS_RSA_WITH_AES_128_CBC_SHA, is disabled by recent JDKs (FLINK-39022).
     */
    public static final List<String> DEFAULT_CIPHER_SUITES =
            Collections.unmodifiableList(
                    Arrays.asList(
                            "TLS_AES_128_GCM_SHA256",
                            "TLS_AES_256_GCM_SHA384",
                            "TLS_CHACHA20_POLY1305_SHA256",
                            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

    /**
     * What the running Flink offers, and gives its RPC layer, when the options are unset: TLSv1.2
     * with TLS_RSA_WITH_AES_128_CBC_SHA up to 1.20.3, 2.0.1, 2.1.1 and 2.2.0; TLSv1.2 with ECDHE-RSA
     * AES-GCM suites from 1.20.5, 2.0.2, 2.1.3, 2.2.1 and 2.3.0 on (FLINK-39022).
     */
    public static final String FLINK_DEFAULT_PROTOCOL = SecurityOptions.SSL_PROTOCOL.defaultValue();

    public static final String FLINK_DEFAULT_CIPHER_SUITES = SecurityOptions.SSL_ALGORITHMS.defaultValue();

    /** Flink's default suite before FLINK-39022, all that Flink without the jar offers on the older releases. */
    public static final String FLINK_LEGACY_CIPHER_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA";

    /**
     * The modern default with Flink's own suite last: a peer with the jar negotiates TLS 1.3 or an
     * ECDHE AEAD suite, and Flink without the jar still connects (servers choose by their order).
     */
    private static final List<String> DEFAULT_CIPHER_SUITES_WITH_FLINKS = withFlinksSuite();

    private EndpointSettingsParser() {}

    private static List<String> withFlinksSuite() {
        List<String> suites = new java.util.ArrayList<>(DEFAULT_CIPHER_SUITES);
        suites.add(FLINK_LEGACY_CIPHER_SUITE);
        return Collections.unmodifiableList(suites);
    }

    public static EndpointSettings parse(Configuration config, TlsEndpoint endpoint) {
        EndpointOptions options = EndpointOptions.of(endpoint);
        boolean internal = endpoint == TlsEndpoint.INTERNAL;

        Optional<OptionValue> protocols = SslOptions.PROTOCOL.lookup(config);
        Optional<OptionValue> suites = SslOptions.ALGORITHMS.lookup(config);
        if (holdFlinksDefaults(protocols, suites)) {
            // written out by templates that copy Flink's defaults: meant as "the default", not as a choice
            protocols = Optional.empty();
            suites = Optional.empty();
        }
        boolean flinksSuiteEnabled = ValueParsers.parseBoolean(SslOptions.LEGACY_SUITE_ENABLED.lookupOrDefault(config).get());
        boolean flinksSuite = flinksSuiteEnabled && !suites.isPresent();

        SslProvider provider = parseProvider(SslOptions.PROVIDER.lookupOrDefault(config).get());
        return new EndpointSettings(
                endpoint,
                provider,
                protocols.map(v -> ValueParsers.parseList(v, "list TLS versions, e.g. TLSv1.3,TLSv1.2"))
                        .orElse(DEFAULT_PROTOCOLS),
                protocols.isPresent(),
                suites.map(v -> ValueParsers.parseList(v, "list cipher suites, or remove the option for the modern default"))
                        .orElse(flinksSuite ? DEFAULT_CIPHER_SUITES_WITH_FLINKS : DEFAULT_CIPHER_SUITES),
                suites.isPresent(),
                flinksSuite,
                keyStore(config, options),
                trustStore(config, options),
                options.certFingerprint.lookup(config).map(PinListParser::parse).orElse(null),
                pinOnly(config, options),
                internal || TlsEnablement.isRestAuthenticationEnabled(config),
                internal ? intOption(config, SslOptions.INTERNAL_SESSION_CACHE_SIZE) : -1,
                internal ? intOption(config, SslOptions.INTERNAL_SESSION_TIMEOUT) : -1,
                internal ? intOption(config, SslOptions.INTERNAL_HANDSHAKE_TIMEOUT) : -1,
                internal ? intOption(config, SslOptions.INTERNAL_CLOSE_NOTIFY_FLUSH_TIMEOUT) : -1,
                // parsed for every endpoint, so a malformed value is reported by whichever process reads it first
                ValueParsers.parseBoolean(SslOptions.REST_VERIFY_HOSTNAME.lookupOrDefault(config).get()) && !internal,
                KeyExchangeGroupsSetting.parse(options.keyExchangeGroups, config, provider));
    }

    /** The running Flink's defaults, or the older releases' legacy pair, as templates copy them. */
    private static boolean holdFlinksDefaults(Optional<OptionValue> protocols, Optional<OptionValue> suites) {
        return protocols.isPresent() && suites.isPresent()
                && protocols.get().value().equals(FLINK_DEFAULT_PROTOCOL)
                && (suites.get().value().equals(FLINK_DEFAULT_CIPHER_SUITES)
                        || suites.get().value().equals(FLINK_LEGACY_CIPHER_SUITE));
    }

    public static SslProvider parseProvider(OptionValue value) {
        switch (value.value().toUpperCase(Locale.ROOT)) {
            case "JDK":
                return SslProvider.JDK;
            case "OPENSSL":
                return SslProvider.OPENSSL;
            default:
                throw new SslConfigurationException(
                        value.key(),
                        "unknown provider '" + value.value() + "'",
                        "set JDK (the JVM's TLS engine) or OPENSSL (the bundled BoringSSL engine)");
        }
    }

    /** The compatibility switch; on without pins it would silently do nothing, so that is an error. */
    private static boolean pinOnly(Configuration config, EndpointOptions options) {
        boolean pinOnly = ValueParsers.parseBoolean(options.certPinOnly.lookupOrDefault(config).get());
        if (pinOnly && !options.certFingerprint.lookup(config).isPresent()) {
            throw new SslConfigurationException(
                    options.certPinOnly.key(),
                    "it is true but '" + options.certFingerprint.key() + "' names no pins",
                    "set the pins in '" + options.certFingerprint.key() + "', or remove this option");
        }
        return pinOnly;
    }

    private static int intOption(Configuration config, SslOption option) {
        return ValueParsers.parseIntOrDefaultMarker(option.lookupOrDefault(config).get());
    }

    /** The keystore, or null when no path is set. A path without a password is an error. */
    private static StoreLocation keyStore(Configuration config, EndpointOptions options) {
        Optional<OptionValue> path = options.keystore.lookup(config);
        Optional<OptionValue> password = options.keystorePassword.lookup(config);
        if (!path.isPresent()) {
            return null;
        }
        OptionValue type = StoreTypes.check(options.keystoreType.lookupOrDefault(config).get(), "keystore");
        if (StoreTypes.isPem(type.value())) {
            // PEM files have no store password; an encrypted key is opened with the key password
            Optional<OptionValue> keyPassword = options.keyPassword.lookup(config);
            return new StoreLocation(path.get(), options.keystorePassword.key(), Secret.of(""), type,
                    options.keyPassword.key(), Secret.of(keyPassword.map(OptionValue::value).orElse("")));
        }
        OptionValue storePassword =
                password.orElseThrow(() -> missing(options.keystorePassword, "the keystore " + path.get().value() + " is set"));
        // Flink requires a key password; the keystore's own is what PKCS12 stores use, so it is
        // the fallback here rather than an error.
        OptionValue keyPassword = options.keyPassword.lookup(config).orElse(storePassword);
        return new StoreLocation(
                path.get(),
                storePassword.key(),
                Secret.of(storePassword.value()),
                type,
                keyPassword.key(),
                Secret.of(keyPassword.value()));
    }

    /** The truststore, or null when neither path nor password is set (Flink's rule). */
    private static StoreLocation trustStore(Configuration config, EndpointOptions options) {
        Optional<OptionValue> path = options.truststore.lookup(config);
        Optional<OptionValue> password = options.truststorePassword.lookup(config);
        if (!path.isPresent() && !password.isPresent()) {
            return null;
        }
        if (!path.isPresent()) {
            throw missing(options.truststore, "a truststore password is set");
        }
        OptionValue type = StoreTypes.check(options.truststoreType.lookupOrDefault(config).get(), "truststore");
        if (StoreTypes.isPem(type.value())) {
            return new StoreLocation(path.get(), options.truststorePassword.key(), Secret.of(""), type, null, null);
        }
        OptionValue storePassword =
                password.orElseThrow(() -> missing(options.truststorePassword, "the truststore " + path.get().value() + " is set"));
        return new StoreLocation(
                path.get(),
                storePassword.key(),
                Secret.of(storePassword.value()),
                type,
                null,
                null);
    }

    static SslConfigurationException missing(SslOption option, String because) {
        return new SslConfigurationException(
                option.key(),
                "the option is missing although " + because,
                "set " + option.keysForMessage());
    }
}
