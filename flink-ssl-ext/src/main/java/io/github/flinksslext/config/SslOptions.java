package io.github.flinksslext.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every configuration key the jar reads. Keys, fallbacks and defaults follow Flink's own. */
public final class SslOptions {

    public static final String DEFAULT_CONTEXT_FACTORY =
            "io.github.flinksslext.context.DefaultSslContextFactory";

    public static final SslOption CONTEXT_FACTORY =
            SslOption.of(
                    "security.ssl.context-factory",
                    DEFAULT_CONTEXT_FACTORY,
                    "Class name of the SslContextFactory that builds every TLS context.");

    /** Flink 1.x only: switches internal and REST TLS on together. Ignored by Flink 2.x. */
    public static final SslOption LEGACY_ENABLED =
            SslOption.of("security.ssl.enabled", "false", "Legacy switch for internal and REST TLS (Flink 1.x).");

    public static final SslOption INTERNAL_ENABLED =
            SslOption.of("security.ssl.internal.enabled", "false", "TLS for the data plane, blob server and RPC.");
    public static final SslOption REST_ENABLED =
            SslOption.of("security.ssl.rest.enabled", "false", "TLS for the REST endpoint and its clients.");
    public static final SslOption REST_AUTHENTICATION_ENABLED =
            SslOption.of(
                    "security.ssl.rest.authentication-enabled",
                    "false",
                    "Mutual TLS on REST: the server requires, the client presents a certificate.");

    public static final SslOption KEYSTORE = SslOption.of("security.ssl.keystore", null, "Keystore fallback for both endpoints.");
    public static final SslOption KEYSTORE_PASSWORD =
            SslOption.password("security.ssl.keystore-password", "Keystore password fallback.");
    public static final SslOption KEY_PASSWORD = SslOption.password("security.ssl.key-password", "Key password fallback.");
    public static final SslOption TRUSTSTORE = SslOption.of("security.ssl.truststore", null, "Truststore fallback for both endpoints.");
    public static final SslOption TRUSTSTORE_PASSWORD =
            SslOption.password("security.ssl.truststore-password", "Truststore password fallback.");

    public static final SslOption INTERNAL_KEYSTORE =
            SslOption.of("security.ssl.internal.keystore", null, "Keystore with this process's internal key.", KEYSTORE.key());
    public static final SslOption INTERNAL_KEYSTORE_PASSWORD =
            SslOption.password("security.ssl.internal.keystore-password", "Password of the internal keystore.", KEYSTORE_PASSWORD.key());
    public static final SslOption INTERNAL_KEY_PASSWORD =
            SslOption.password("security.ssl.internal.key-password", "Password of the key in the internal keystore.", KEY_PASSWORD.key());
    public static final SslOption INTERNAL_KEYSTORE_TYPE =
            SslOption.of("security.ssl.internal.keystore-type", "pkcs12", "Internal keystore format: PKCS12 or JKS.");
    public static final SslOption INTERNAL_TRUSTSTORE =
            SslOption.of("security.ssl.internal.truststore", null, "Truststore for internal peers.", TRUSTSTORE.key());
    public static final SslOption INTERNAL_TRUSTSTORE_PASSWORD =
            SslOption.password("security.ssl.internal.truststore-password", "Password of the internal truststore.", TRUSTSTORE_PASSWORD.key());
    public static final SslOption INTERNAL_TRUSTSTORE_TYPE =
            SslOption.of("security.ssl.internal.truststore-type", "pkcs12", "Internal truststore format: PKCS12 or JKS.");
    public static final SslOption INTERNAL_CERT_FINGERPRINT =
            SslOption.of("security.ssl.internal.cert.fingerprint", null, "Pinned fingerprints of internal peer certificates.");

    public static final SslOption INTERNAL_CERT_PIN_ONLY =
            SslOption.of("security.ssl.internal.cert.pin-only", "false",
                    "Weaker, Flink's own pinning: trust a pinned internal peer without checking its chain against the"
                            + " truststore. Only for migrating to a truststore that holds the peers' CA.");

    public static final SslOption REST_KEYSTORE =
            SslOption.of("security.ssl.rest.keystore", null, "Keystore with the REST server's (or client's) key.", KEYSTORE.key());
    public static final SslOption REST_KEYSTORE_PASSWORD =
            SslOption.password("security.ssl.rest.keystore-password", "Password of the REST keystore.", KEYSTORE_PASSWORD.key());
    public static final SslOption REST_KEY_PASSWORD =
            SslOption.password("security.ssl.rest.key-password", "Password of the key in the REST keystore.", KEY_PASSWORD.key());
    public static final SslOption REST_KEYSTORE_TYPE =
            SslOption.of("security.ssl.rest.keystore-type", "pkcs12", "REST keystore format: PKCS12 or JKS.");
    public static final SslOption REST_TRUSTSTORE =
            SslOption.of("security.ssl.rest.truststore", null, "Truststore for REST peers.", TRUSTSTORE.key());
    public static final SslOption REST_TRUSTSTORE_PASSWORD =
            SslOption.password("security.ssl.rest.truststore-password", "Password of the REST truststore.", TRUSTSTORE_PASSWORD.key());
    public static final SslOption REST_TRUSTSTORE_TYPE =
            SslOption.of("security.ssl.rest.truststore-type", "pkcs12", "REST truststore format: PKCS12 or JKS.");
    public static final SslOption REST_CERT_FINGERPRINT =
            SslOption.of("security.ssl.rest.cert.fingerprint", null, "Pinned fingerprints of REST peer certificates.");

    public static final SslOption REST_CERT_PIN_ONLY =
            SslOption.of("security.ssl.rest.cert.pin-only", "false",
                    "Weaker, Flink's own pinning: trust a pinned REST peer without checking its chain against the"
                            + " truststore. Only for migrating to a truststore that holds the peers' CA.");

    public static final SslOption PROTOCOL =
            SslOption.of("security.ssl.protocol", null, "Comma-separated TLS protocol versions.");
    public static final SslOption ALGORITHMS =
            SslOption.of("security.ssl.algorithms", null, "Comma-separated cipher suites.");
    public static final SslOption LEGACY_SUITE_ENABLED =
            SslOption.of("security.ssl.legacy-suite.enabled", "true",
                    "With protocols and suites unset, also offer and accept Flink's own default suite"
                            + " (TLS_RSA_WITH_AES_128_CBC_SHA over TLS 1.2) last, so that Flink without the jar can"
                            + " connect. false refuses such peers.");
    public static final SslOption PROVIDER =
            SslOption.of("security.ssl.provider", "JDK", "TLS engine: JDK or OPENSSL (bundled BoringSSL).");

    public static final SslOption INTERNAL_SESSION_CACHE_SIZE =
            SslOption.of("security.ssl.internal.session-cache-size", "-1", "Internal TLS session cache size; -1 keeps the engine's default.",
                    "security.ssl.session-cache-size");
    public static final SslOption INTERNAL_SESSION_TIMEOUT =
            SslOption.of("security.ssl.internal.session-timeout", "-1", "Internal TLS session lifetime in ms; -1 keeps the engine's default.",
                    "security.ssl.session-timeout");
    public static final SslOption INTERNAL_HANDSHAKE_TIMEOUT =
            SslOption.of("security.ssl.internal.handshake-timeout", "-1", "Internal handshake timeout in ms; -1 keeps Netty's default (10 s).",
                    "security.ssl.handshake-timeout");
    public static final SslOption INTERNAL_CLOSE_NOTIFY_FLUSH_TIMEOUT =
            SslOption.of("security.ssl.internal.close-notify-flush-timeout", "-1",
                    "Internal close_notify flush timeout in ms; -1 keeps Netty's default (3 s).",
                    "security.ssl.close-notify-flush-timeout");

    /** Unset: the hybrid post-quantum default with OPENSSL, the JDK's own groups with JDK (see KeyExchangeGroups). */
    public static final SslOption INTERNAL_KEY_EXCHANGE_GROUPS =
            SslOption.of("security.ssl.internal.key-exchange-groups", null,
                    "Ordered key-exchange groups for internal TLS (OPENSSL); unset: X25519MLKEM768,X25519,P-256.",
                    "security.ssl.key-exchange-groups");
    public static final SslOption REST_KEY_EXCHANGE_GROUPS =
            SslOption.of("security.ssl.rest.key-exchange-groups", null,
                    "Ordered key-exchange groups for REST TLS (OPENSSL); unset: X25519MLKEM768,X25519,P-256.",
                    "security.ssl.key-exchange-groups");

    public static final SslOption VERIFY_HOSTNAME =
            SslOption.of("security.ssl.verify-hostname", "false", "REST clients check the server's hostname against its certificate.");
    public static final SslOption REST_VERIFY_HOSTNAME =
            SslOption.of("security.ssl.rest.verify-hostname", "false", "REST clients check the server's hostname (Flink 2.3 key).",
                    VERIFY_HOSTNAME.key());

    public static final SslOption RELOAD_ENABLED =
            SslOption.of("security.ssl.reload.enabled", "true",
                    "Watch every key and trust file in use and, when its content changes and the new material passes"
                            + " the startup checks, use it for new connections on the data plane, blob and REST."
                            + " false reads each configuration's files once per process.");
    public static final SslOption RELOAD_INTERVAL =
            SslOption.of("security.ssl.reload.interval", "5 s",
                    "How often the key and trust files in use are compared with what was loaded (a Flink duration,"
                            + " 10 ms to 1 d).");
    public static final SslOption EXPIRY_WARNING_WINDOW =
            SslOption.of("security.ssl.expiry-warning-window", "30 d",
                    "WARN when a certificate in use (own, its CAs, trusted CAs) expires within this duration, at"
                            + " startup and daily; ERROR within 7 days regardless.");

    private SslOptions() {}

    /** Every option, in the order the README documents them. */
    public static List<SslOption> all() {
        return Collections.unmodifiableList(
                Arrays.asList(
                        CONTEXT_FACTORY, LEGACY_ENABLED, INTERNAL_ENABLED, REST_ENABLED, REST_AUTHENTICATION_ENABLED,
                        KEYSTORE, KEYSTORE_PASSWORD, KEY_PASSWORD, TRUSTSTORE, TRUSTSTORE_PASSWORD,
                        INTERNAL_KEYSTORE, INTERNAL_KEYSTORE_PASSWORD, INTERNAL_KEY_PASSWORD, INTERNAL_KEYSTORE_TYPE,
                        INTERNAL_TRUSTSTORE, INTERNAL_TRUSTSTORE_PASSWORD, INTERNAL_TRUSTSTORE_TYPE, INTERNAL_CERT_FINGERPRINT, INTERNAL_CERT_PIN_ONLY,
                        REST_KEYSTORE, REST_KEYSTORE_PASSWORD, REST_KEY_PASSWORD, REST_KEYSTORE_TYPE,
                        REST_TRUSTSTORE, REST_TRUSTSTORE_PASSWORD, REST_TRUSTSTORE_TYPE, REST_CERT_FINGERPRINT, REST_CERT_PIN_ONLY,
                        PROTOCOL, ALGORITHMS, LEGACY_SUITE_ENABLED, PROVIDER,
                        INTERNAL_SESSION_CACHE_SIZE, INTERNAL_SESSION_TIMEOUT, INTERNAL_HANDSHAKE_TIMEOUT,
                        INTERNAL_CLOSE_NOTIFY_FLUSH_TIMEOUT, INTERNAL_KEY_EXCHANGE_GROUPS, REST_KEY_EXCHANGE_GROUPS,
                        VERIFY_HOSTNAME, REST_VERIFY_HOSTNAME, RELOAD_ENABLED, RELOAD_INTERVAL, EXPIRY_WARNING_WINDOW));
    }
}
