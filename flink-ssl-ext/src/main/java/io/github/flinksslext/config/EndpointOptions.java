package io.github.flinksslext.config;

import io.github.flinksslext.spi.TlsEndpoint;

/** The options that differ between the internal and the REST endpoint, looked up once. */
public final class EndpointOptions {

    public static final EndpointOptions INTERNAL =
            new EndpointOptions(
                    SslOptions.INTERNAL_KEYSTORE,
                    SslOptions.INTERNAL_KEYSTORE_PASSWORD,
                    SslOptions.INTERNAL_KEY_PASSWORD,
                    SslOptions.INTERNAL_KEYSTORE_TYPE,
                    SslOptions.INTERNAL_TRUSTSTORE,
                    SslOptions.INTERNAL_TRUSTSTORE_PASSWORD,
                    SslOptions.INTERNAL_TRUSTSTORE_TYPE,
                    SslOptions.INTERNAL_CERT_FINGERPRINT,
                    SslOptions.INTERNAL_CERT_PIN_ONLY,
                    SslOptions.INTERNAL_KEY_EXCHANGE_GROUPS);

    public static final EndpointOptions REST =
            new EndpointOptions(
                    SslOptions.REST_KEYSTORE,
                    SslOptions.REST_KEYSTORE_PASSWORD,
                    SslOptions.REST_KEY_PASSWORD,
                    SslOptions.REST_KEYSTORE_TYPE,
                    SslOptions.REST_TRUSTSTORE,
                    SslOptions.REST_TRUSTSTORE_PASSWORD,
                    SslOptions.REST_TRUSTSTORE_TYPE,
                    SslOptions.REST_CERT_FINGERPRINT,
                    SslOptions.REST_CERT_PIN_ONLY,
                    SslOptions.REST_KEY_EXCHANGE_GROUPS);

    public final SslOption keystore;
    public final SslOption keystorePassword;
    public final SslOption keyPassword;
    public final SslOption keystoreType;
    public final SslOption truststore;
    public final SslOption truststorePassword;
    public final SslOption truststoreType;
    public final SslOption certFingerprint;
    public final SslOption certPinOnly;
    public final SslOption keyExchangeGroups;

    private EndpointOptions(
            SslOption keystore,
            SslOption keystorePassword,
            SslOption keyPassword,
            SslOption keystoreType,
            SslOption truststore,
            SslOption truststorePassword,
            SslOption truststoreType,
            SslOption certFingerprint,
            SslOption certPinOnly,
            SslOption keyExchangeGroups) {
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        this.keyPassword = keyPassword;
        this.keystoreType = keystoreType;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.truststoreType = truststoreType;
        this.certFingerprint = certFingerprint;
        this.certPinOnly = certPinOnly;
        this.keyExchangeGroups = keyExchangeGroups;
    }

    public static EndpointOptions of(TlsEndpoint endpoint) {
        return endpoint == TlsEndpoint.INTERNAL ? INTERNAL : REST;
    }
}
