package io.github.flinksslext.config;

import io.github.flinksslext.trust.PinSet;
import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the default factory needs to build the contexts of one endpoint, parsed and checked
 * for form. Immutable; equal settings build equal contexts, which lets validation be cached.
 */
public final class EndpointSettings {

    private final TlsEndpoint endpoint;
    private final SslProvider provider;
    private final List<String> protocols;
    private final boolean protocolsConfigured;
    private final List<String> cipherSuites;
    private final boolean cipherSuitesConfigured;
    private final boolean flinksSuiteOffered;
    private final StoreLocation keyStore;
    private final StoreLocation trustStore;
    private final PinSet pins;
    private final boolean pinOnly;
    private final boolean mutualAuthentication;
    private final int sessionCacheSize;
    private final int sessionTimeoutMs;
    private final int handshakeTimeoutMs;
    private final int closeNotifyFlushTimeoutMs;
    private final boolean verifyHostname;
    private final KeyExchangeGroupsSetting keyExchangeGroups;

    EndpointSettings(
            TlsEndpoint endpoint,
            SslProvider provider,
            List<String> protocols,
            boolean protocolsConfigured,
            List<String> cipherSuites,
            boolean cipherSuitesConfigured,
            boolean flinksSuiteOffered,
            StoreLocation keyStore,
            StoreLocation trustStore,
            PinSet pins,
            boolean pinOnly,
            boolean mutualAuthentication,
            int sessionCacheSize,
            int sessionTimeoutMs,
            int handshakeTimeoutMs,
            int closeNotifyFlushTimeoutMs,
            boolean verifyHostname,
            KeyExchangeGroupsSetting keyExchangeGroups) {
        this.endpoint = endpoint;
        this.provider = provider;
        this.protocols = protocols;
        this.protocolsConfigured = protocolsConfigured;
        this.cipherSuites = cipherSuites;
        this.cipherSuitesConfigured = cipherSuitesConfigured;
        this.flinksSuiteOffered = flinksSuiteOffered;
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.pins = pins;
        this.pinOnly = pinOnly;
        this.mutualAuthentication = mutualAuthentication;
        this.sessionCacheSize = sessionCacheSize;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.closeNotifyFlushTimeoutMs = closeNotifyFlushTimeoutMs;
        this.verifyHostname = verifyHostname;
        this.keyExchangeGroups = keyExchangeGroups;
    }

    public TlsEndpoint endpoint() {
        return endpoint;
    }

    public EndpointOptions options() {
        return EndpointOptions.of(endpoint);
    }

    public SslProvider provider() {
        return provider;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** False when {@code security.ssl.protocol} is unset and the modern default is in force. */
    public boolean protocolsConfigured() {
        return protocolsConfigured;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** False when {@code security.ssl.algorithms} is unset and the modern default is in force. */
    public boolean cipherSuitesConfigured() {
        return cipherSuitesConfigured;
    }

    /**
     * True when the default suites end with Flink's own, for Flink without the jar
     * ({@code security.ssl.legacy-suite.enabled}); a handshake on it is worth a WARN.
     */
    public boolean flinksSuiteOffered() {
        return flinksSuiteOffered;
    }

    public Optional<StoreLocation> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    public Optional<StoreLocation> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** The pins of {@code security.ssl.*.cert.fingerprint}, if set. */
    public Optional<PinSet> pins() {
        return Optional.ofNullable(pins);
    }

    /** Flink's weaker pinning: pins alone decide, the truststore does not check the chain. */
    public boolean pinOnly() {
        return pinOnly;
    }

    /** Internal: always. REST: when {@code security.ssl.rest.authentication-enabled}. */
    public boolean mutualAuthentication() {
        return mutualAuthentication;
    }

    public int sessionCacheSize() {
        return sessionCacheSize;
    }

    public int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    public int handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public int closeNotifyFlushTimeoutMs() {
        return closeNotifyFlushTimeoutMs;
    }

    /** REST clients only; internal connections never verify hostnames. */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** The groups of {@code security.ssl.*.key-exchange-groups} as written, checked against the engine later. */
    public KeyExchangeGroupsSetting keyExchangeGroups() {
        return keyExchangeGroups;
    }

    public EndpointSettings withProvider(SslProvider newProvider) {
        return new EndpointSettings(endpoint, newProvider, protocols, protocolsConfigured, cipherSuites,
                cipherSuitesConfigured, flinksSuiteOffered, keyStore, trustStore, pins, pinOnly, mutualAuthentication,
                sessionCacheSize, sessionTimeoutMs, handshakeTimeoutMs, closeNotifyFlushTimeoutMs, verifyHostname,
                keyExchangeGroups);
    }

    public EndpointSettings withMutualAuthentication(boolean mutual) {
        return new EndpointSettings(endpoint, provider, protocols, protocolsConfigured, cipherSuites,
                cipherSuitesConfigured, flinksSuiteOffered, keyStore, trustStore, pins, pinOnly, mutual,
                sessionCacheSize, sessionTimeoutMs, handshakeTimeoutMs, closeNotifyFlushTimeoutMs, verifyHostname,
                keyExchangeGroups);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EndpointSettings)) {
            return false;
        }
        EndpointSettings other = (EndpointSettings) o;
        return endpoint == other.endpoint
                && provider == other.provider
                && protocols.equals(other.protocols)
                && cipherSuites.equals(other.cipherSuites)
                && flinksSuiteOffered == other.flinksSuiteOffered
                && Objects.equals(keyStore, other.keyStore)
                && Objects.equals(trustStore, other.trustStore)
                && Objects.equals(pins, other.pins)
                && pinOnly == other.pinOnly
                && mutualAuthentication == other.mutualAuthentication
                && sessionCacheSize == other.sessionCacheSize
                && sessionTimeoutMs == other.sessionTimeoutMs
                && verifyHostname == other.verifyHostname
                && keyExchangeGroups.equals(other.keyExchangeGroups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, provider, protocols, cipherSuites, keyStore, trustStore, pins, pinOnly,
                mutualAuthentication, sessionCacheSize, sessionTimeoutMs, verifyHostname, keyExchangeGroups);
    }

    @Override
    public String toString() {
        return endpoint + " TLS settings (provider " + provider + ", protocols " + protocols
                + ", keystore " + keyStore + ", truststore " + trustStore + ")";
    }
}
