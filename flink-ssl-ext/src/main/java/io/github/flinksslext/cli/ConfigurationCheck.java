package io.github.flinksslext.cli;

import io.github.flinksslext.bootstrap.PekkoTlsSettings;
import io.github.flinksslext.bootstrap.RpcTrust;
import io.github.flinksslext.cli.CheckReport.Endpoint;
import io.github.flinksslext.cli.CheckReport.OwnCertificate;
import io.github.flinksslext.cli.CheckReport.PinMatch;
import io.github.flinksslext.cli.CheckReport.Side;
import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.OptionValue;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.config.TlsEnablement;
import io.github.flinksslext.context.EndpointSslContext;
import io.github.flinksslext.engine.CipherSuites;
import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.hook.FlinkSslHook;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.KeyEntry;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;
import io.github.flinksslext.trust.Pin;
import io.github.flinksslext.trust.PinSet;
import io.github.flinksslext.trust.StandardTrust;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs, without opening a port, every check a Flink process with this configuration runs when it
 * starts: each context Flink asks for, from the configured factory with its checks and startup
 * handshake, and what Flink's RPC layer (Pekko) will be given. Then describes what would be
 * offered and trusted, and warns where a setting works but is weak.
 */
final class ConfigurationCheck {

    static final int EXPIRY_WARNING_DAYS = 30;

    private final Configuration config;
    private final CheckReport report;
    private final Instant now = Instant.now();

    private ConfigurationCheck(Configuration config, String source) {
        this.config = config;
        this.report = new CheckReport(source, flinkVersion());
    }

    static CheckReport run(Configuration config, String source) {
        ConfigurationCheck check = new ConfigurationCheck(config, source);
        check.run();
        return check.report;
    }

    private void run() {
        boolean internal = attempt(() -> TlsEnablement.isInternalEnabled(config)).orElse(false);
        boolean rest = attempt(() -> TlsEnablement.isRestEnabled(config)).orElse(false);
        if (SslOptions.LEGACY_ENABLED.lookup(config).isPresent() && !TlsEnablement.legacyKeySupported()) {
            report.warn(SslOptions.LEGACY_ENABLED.key(), "'" + SslOptions.LEGACY_ENABLED.key() + "' is set, but Flink "
                    + report.flinkVersion + " ignores it: set '" + SslOptions.INTERNAL_ENABLED.key() + "' and '"
                    + SslOptions.REST_ENABLED.key() + "' instead");
        }
        if (!internal && !rest) {
            report.warn(null, "neither '" + SslOptions.INTERNAL_ENABLED.key() + "' nor '" + SslOptions.REST_ENABLED.key()
                    + "' is true: Flink talks in plaintext everywhere");
            return;
        }
        Optional<SslProvider> provider =
                attempt(() -> EndpointSettingsParser.parseProvider(SslOptions.PROVIDER.lookupOrDefault(config).get()));
        if (provider.isPresent() && provider.get() != SslProvider.JDK) {
            attempt(() -> {
                OpenSslSupport.requireAvailable();
                return null;
            });
        }
        if (internal) {
            endpoint(TlsEndpoint.INTERNAL, provider.orElse(null));
        }
        if (rest) {
            endpoint(TlsEndpoint.REST, provider.orElse(null));
        }
        if (internal) {
            rpc();
        }
    }

    private void endpoint(TlsEndpoint kind, SslProvider provider) {
        boolean internal = kind == TlsEndpoint.INTERNAL;
        Endpoint endpoint = new Endpoint(internal ? "internal" : "REST",
                internal ? "data plane, blob server, RPC" : "REST endpoint, CLI, web UI");
        report.endpoints.add(endpoint);
        endpoint.mutual = internal || attempt(() -> TlsEnablement.isRestAuthenticationEnabled(config)).orElse(false);
        String factory = SslOptions.CONTEXT_FACTORY.lookupOrDefault(config).get().value();
        if (!factory.equals(SslOptions.DEFAULT_CONTEXT_FACTORY)) {
            endpoint.factory = factory;
        }
        Optional<EndpointSettings> settings = attempt(() -> EndpointSettingsParser.parse(config, kind));

        SslContext server = null;
        SslContext client = null;
        if (provider != null) {
            server = context(endpoint, kind, TlsSide.SERVER, provider, "server");
            client = context(endpoint, kind, TlsSide.CLIENT, provider, "client");
            if (internal && provider != SslProvider.JDK) {
                // Flink's blob server and client use sockets, so a JDK context whatever the provider
                context(endpoint, kind, TlsSide.SERVER, SslProvider.JDK, "blob server");
                context(endpoint, kind, TlsSide.CLIENT, SslProvider.JDK, "blob client");
            }
        }
        if (server != null && client != null) {
            handshake(endpoint, kind, settings.orElse(null), server, client);
        }
        settings.ifPresent(s -> describe(endpoint, s));
        suiteWarnings(endpoint, settings.orElse(null));
        if (!internal && !endpoint.mutual) {
            report.warn(SslOptions.REST_AUTHENTICATION_ENABLED.key(), "REST runs without mutual TLS: whoever reaches"
                    + " the REST port can use the REST API (submit and cancel jobs) without a certificate. Set '"
                    + SslOptions.REST_AUTHENTICATION_ENABLED.key() + ": true' and give operators client certificates"
                    + " (generate makes one)");
        }
    }

    /** The context Flink asks for, built by the configured factory with its checks. */
    private SslContext context(Endpoint endpoint, TlsEndpoint kind, TlsSide side, SslProvider provider, String name) {
        Optional<SslContext> built = attempt(() -> FlinkSslHook.context(config, kind, side, provider));
        if (!built.isPresent()) {
            return null;
        }
        SSLEngine engine = built.get().newEngine(ByteBufAllocator.DEFAULT);
        try {
            List<String> protocols = new ArrayList<>(Arrays.asList(engine.getEnabledProtocols()));
            protocols.remove("SSLv2Hello"); // a hello format some engines list, not a protocol
            // what can be negotiated: BoringSSL lists its TLS 1.2 suites also where only TLS 1.3 is on
            boolean tls13 = protocols.contains("TLSv1.3");
            boolean older = protocols.stream().anyMatch(p -> !p.equals("TLSv1.3"));
            List<String> suites = new ArrayList<>();
            for (String suite : engine.getEnabledCipherSuites()) {
                if (CipherSuites.isTls13(suite) ? tls13 : older) {
                    suites.add(suite);
                }
            }
            endpoint.sides.add(new Side(name, providerName(provider), protocols, suites));
        } finally {
            ReferenceCountUtil.release(engine);
        }
        return built.get();
    }

    /**
     * A handshake between the client and server contexts of this configuration: for internal TLS
     * the one the process itself runs at startup; for REST, whether Flink's REST client with this
     * configuration (the CLI on this host) accepts this REST server and is accepted by it.
     */
    private void handshake(Endpoint endpoint, TlsEndpoint kind, EndpointSettings settings, SslContext server, SslContext client) {
        boolean verifies = client instanceof EndpointSslContext && ((EndpointSslContext) client).verifiesHostname();
        // the host Flink's REST client on this machine connects to
        String host = settings == null ? null
                : config.getOptional(org.apache.flink.configuration.ConfigOptions.key("rest.address").stringType().noDefaultValue())
                        .orElse(null);
        SSLEngine clientEngine = verifies && host != null
                ? client.newEngine(ByteBufAllocator.DEFAULT, host, 443)
                : client.newEngine(ByteBufAllocator.DEFAULT);
        if (verifies && host == null) {
            SSLParameters parameters = clientEngine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(null);
            clientEngine.setSSLParameters(parameters);
        }
        try {
            InMemoryHandshake.Result result =
                    InMemoryHandshake.runAndRelease(clientEngine, server.newEngine(ByteBufAllocator.DEFAULT));
            endpoint.handshake = result.protocol() + " " + result.cipherSuite()
                    + (kind == TlsEndpoint.INTERNAL ? " (between two processes with this configuration)"
                            : " (Flink's REST client with this configuration to this REST server"
                                    + (verifies && host != null ? ", as '" + host + "'" : "") + ")");
        } catch (Exception e) {
            String causes = causes(e);
            if (kind == TlsEndpoint.INTERNAL) {
                report.problem(SslOptions.INTERNAL_TRUSTSTORE.key(),
                        "two processes with this configuration cannot complete a handshake: " + causes);
            } else {
                endpoint.handshake = "FAILS (see the warnings)";
                report.warn(SslOptions.REST_TRUSTSTORE.key(), "Flink's REST client with this configuration (the CLI on"
                        + " this host) cannot talk to this REST server: " + causes + ". Fine if REST clients have a"
                        + " configuration of their own; otherwise put the REST server's CA into the REST truststore,"
                        + " match the pins and hostname, and give clients a certificate the server trusts");
            }
        }
    }

    private void describe(Endpoint endpoint, EndpointSettings settings) {
        boolean internal = settings.endpoint() == TlsEndpoint.INTERNAL;
        Optional<PinSet> pins = settings.pins();
        List<X509Certificate> known = new ArrayList<>();
        List<String> knownAs = new ArrayList<>();
        settings.keyStore().ifPresent(location -> {
            endpoint.keystore = location.path() + " ('" + location.pathKey() + "', " + location.type() + ")";
            attempt(() -> KeyMaterial.load(location, SslProvider.JDK)).ifPresent(keys -> {
                for (KeyEntry entry : keys.entries()) {
                    List<CertificateFacts> chain = new ArrayList<>();
                    for (X509Certificate cert : entry.chain()) {
                        chain.add(new CertificateFacts(cert, now));
                        known.add(cert);
                        knownAs.add((cert == entry.chain()[0] ? "own certificate " : "own chain's CA ")
                                + "'" + chain.get(chain.size() - 1).subject + "'");
                    }
                    endpoint.certificates.add(new OwnCertificate(entry.alias(), chain));
                    ownCertificateWarnings(location, entry, chain.get(0), internal, pins.isPresent());
                }
            });
        });
        if (settings.trustStore().isPresent()) {
            StoreLocation location = settings.trustStore().get();
            endpoint.truststore = location.path() + " ('" + location.pathKey() + "', " + location.type() + ")";
            attempt(() -> TrustMaterial.load(location)).ifPresent(trust -> {
                for (X509Certificate anchor : trust.anchors().certificates()) {
                    CertificateFacts facts = new CertificateFacts(anchor, now);
                    endpoint.trusted.add(facts);
                    known.add(anchor);
                    knownAs.add("trusted '" + facts.subject + "'");
                    if (facts.daysLeft < EXPIRY_WARNING_DAYS) {
                        report.warn(location.pathKey(), "the trusted certificate '" + facts.subject + "' in '"
                                + location.path() + "' " + (facts.expired() ? "expired on " + facts.notAfter
                                : "expires in " + facts.daysLeft + " days (" + facts.notAfter + ")")
                                + "; add its successor to the truststore before then");
                    }
                }
            });
        } else if (!internal) {
            endpoint.truststore = "none: REST clients check the server against the JVM's default CAs";
        }
        if (pins.isPresent()) {
            endpoint.pinsOption = pins.get().optionKey();
            endpoint.pinOnly = settings.pinOnly();
            for (Pin pin : pins.get().pins()) {
                PinSet single = new PinSet(pins.get().optionKey(), Collections.singletonList(pin));
                List<String> matches = new ArrayList<>();
                for (int i = 0; i < known.size(); i++) {
                    if (single.matches(known.get(i)) && !matches.contains(knownAs.get(i))) {
                        matches.add(knownAs.get(i));
                    }
                }
                endpoint.pins.add(new PinMatch(pin.toString(), pin.kind().description(), matches));
            }
        }
        if (!internal) {
            if (!settings.verifyHostname()) {
                endpoint.hostnameVerification = "off ('" + SslOptions.REST_VERIFY_HOSTNAME.key() + "', '"
                        + SslOptions.VERIFY_HOSTNAME.key() + "')";
            } else {
                endpoint.hostnameVerification = "on: REST clients check the host they connect to, by the JDK's HTTPS"
                        + " rules (the CLI on this machine: '" + config.getOptional(org.apache.flink.configuration.ConfigOptions
                                .key("rest.address").stringType().noDefaultValue()).orElse("rest.address unset") + "')";
            }
        }
    }

    private void ownCertificateWarnings(
            StoreLocation location, KeyEntry entry, CertificateFacts leaf, boolean internal, boolean pinned) {
        String what = "the certificate '" + leaf.subject + "' (alias '" + entry.alias() + "') in '" + location.path() + "'";
        if (leaf.expired()) {
            // a CA-signed one is a problem the factory reported; a self-signed one is only warned about
            report.warn(location.pathKey(), what + " expired on " + leaf.notAfter + (leaf.selfSigned
                    ? "; peers accept it only as a trust anchor, which is not date-checked: renew it" : ""));
        } else if (leaf.daysLeft < EXPIRY_WARNING_DAYS) {
            report.warn(location.pathKey(), what + " expires in " + leaf.daysLeft + " days (" + leaf.notAfter
                    + "): renew it and replace the keystore");
        }
        if ("RSA".equals(entry.keyAlgorithm()) && leaf.keyBits >= 4096) {
            report.warn(location.pathKey(), what + " has an RSA-" + leaf.keyBits + " key: every handshake signs with"
                    + " it, roughly 30x slower than EC P-256 with OPENSSL; prefer an EC P-256 key (generate makes"
                    + " them by default)");
        }
        if (internal && !leaf.selfSigned && !pinned) {
            report.warn(SslOptions.INTERNAL_CERT_FINGERPRINT.key(), what + " is signed by the CA '" + leaf.issuer
                    + "' and no pin is set: every certificate that CA issues can join the cluster (the threat"
                    + " Flink's documentation names). Set '" + SslOptions.INTERNAL_CERT_FINGERPRINT.key() + ": "
                    + leaf.sha256 + "' (or its key pin " + leaf.keyPin + ")");
        }
    }

    /** CBC and RSA key exchange in what the contexts offer, and configured suites the engine left out. */
    private void suiteWarnings(Endpoint endpoint, EndpointSettings settings) {
        Set<String> weak = new LinkedHashSet<>();
        Set<String> offered = new LinkedHashSet<>();
        for (Side side : endpoint.sides) {
            offered.addAll(side.cipherSuites);
            for (String suite : side.cipherSuites) {
                if (weakSuite(suite)) {
                    weak.add(suite);
                }
            }
        }
        if (!weak.isEmpty()) {
            boolean legacy = settings != null && settings.flinksSuiteOffered();
            report.warn(legacy ? SslOptions.LEGACY_SUITE_ENABLED.key() : SslOptions.ALGORITHMS.key(),
                    endpoint.name + " TLS offers " + weak + " (CBC or RSA key exchange: no forward secrecy, or"
                            + " padding-oracle history)" + (legacy
                            ? ", last, for Flink without the jar; set '" + SslOptions.LEGACY_SUITE_ENABLED.key()
                                    + ": false' once every process has the jar"
                            : "; list ECDHE suites with GCM or ChaCha20 in '" + SslOptions.ALGORITHMS.key() + "'"));
        }
        if (settings != null && settings.cipherSuitesConfigured() && !offered.isEmpty()) {
            List<String> dropped = new ArrayList<>(settings.cipherSuites());
            dropped.removeAll(offered);
            if (!dropped.isEmpty()) {
                report.warn(SslOptions.ALGORITHMS.key(), endpoint.name + " TLS leaves out " + dropped
                        + ", which the engine lacks; only the others are offered");
            }
            // BoringSSL keeps all its TLS 1.3 suites (all strong; the README says so), and its own TLS 1.2
            // list where the option names no TLS 1.2 suite although TLS 1.2 is on: that one is a surprise
            List<String> unlisted = new ArrayList<>();
            for (String suite : offered) {
                if (!CipherSuites.isTls13(suite) && !settings.cipherSuites().contains(suite)) {
                    unlisted.add(suite);
                }
            }
            if (!unlisted.isEmpty()) {
                report.warn(SslOptions.ALGORITHMS.key(), endpoint.name + " TLS offers " + unlisted + " for TLS 1.2,"
                        + " which '" + SslOptions.ALGORITHMS.key() + "' does not list: the " + settings.provider()
                        + " engine keeps its own TLS 1.2 suites where the option lists none; list the TLS 1.2 suites"
                        + " you want, or set '" + SslOptions.PROTOCOL.key() + ": TLSv1.3'");
            }
        }
    }

    static boolean weakSuite(String suite) {
        return suite.contains("_CBC_") || suite.startsWith("TLS_RSA_WITH_");
    }

    private void rpc() {
        CheckReport.Rpc rpc = new CheckReport.Rpc();
        report.rpc = rpc;
        if (!config.get(RpcOptions.SSL_ENABLED)) {
            report.warn(RpcOptions.SSL_ENABLED.key(), "'" + RpcOptions.SSL_ENABLED.key() + "' is false: Flink's RPC"
                    + " layer (Pekko) talks in PLAINTEXT between the JobManager and TaskManagers; remove it");
            return;
        }
        rpc.tls = true;
        Optional<PekkoTlsSettings> pekko = attempt(() -> PekkoTlsSettings.check(config));
        if (!pekko.isPresent()) {
            return;
        }
        rpc.protocol = pekko.get().protocol();
        rpc.cipherSuites = pekko.get().suites();
        Optional<OptionValue> fingerprints = SslOptions.INTERNAL_CERT_FINGERPRINT.lookup(config);
        rpc.trust = "chain against '" + SslOptions.INTERNAL_TRUSTSTORE.key() + "'"
                + (fingerprints.isPresent() ? ", then the pins of '" + SslOptions.INTERNAL_CERT_FINGERPRINT.key()
                        + "' (through the jar's FingerprintTrustManagerFactory)" : "");
        List<String> weak = new ArrayList<>();
        for (String suite : rpc.cipherSuites) {
            if (weakSuite(suite)) {
                weak.add(suite);
            }
        }
        if (!weak.isEmpty()) {
            report.warn(SslOptions.ALGORITHMS.key(), "Flink's RPC layer (Pekko) would use " + weak + " (CBC or RSA key"
                    + " exchange)" + (SslOptions.ALGORITHMS.lookup(config).isPresent() ? ""
                    : ", Flink's default while '" + SslOptions.ALGORITHMS.key() + "' is unset")
                    + "; set '" + SslOptions.PROTOCOL.key() + ": TLSv1.3' and '" + SslOptions.ALGORITHMS.key()
                    + ": TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384'");
        }
        try {
            InMemoryHandshake.Result result = rpcHandshake(pekko.get(), fingerprints);
            rpc.handshake = result.protocol() + " " + result.cipherSuite();
            rpc.works = true;
        } catch (SslConfigurationException e) {
            report.problem(e.optionKey(), e.getMessage());
        } catch (Exception e) {
            report.problem(SslOptions.ALGORITHMS.key(), "Flink's RPC layer (Pekko) with " + rpc.protocol + " and "
                    + rpc.cipherSuites + " cannot complete a handshake between two processes: " + causes(e));
        }
    }

    /**
     * Two JDK engines set up as Pekko sets them up: the internal keystore and truststore, the one
     * protocol and the suites, mutual authentication, and with pins the jar's RPC trust.
     */
    private InMemoryHandshake.Result rpcHandshake(PekkoTlsSettings pekko, Optional<OptionValue> fingerprints)
            throws Exception {
        EndpointSettings settings = EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL);
        if (!settings.keyStore().isPresent() || !settings.trustStore().isPresent()) {
            throw new IllegalStateException("internal keystore or truststore missing (reported above)");
        }
        KeyMaterial keys = KeyMaterial.load(settings.keyStore().get(), SslProvider.JDK);
        KeyStore trustStore = TrustMaterial.load(settings.trustStore().get()).store();
        TrustManager[] trust = fingerprints.isPresent()
                ? RpcTrust.trustManagers(entries(fingerprints.get().value()), trustStore)
                : new TrustManager[] {StandardTrust.over(trustStore, SslOptions.INTERNAL_TRUSTSTORE.key(), "the truststore")};
        SSLContext context = SSLContext.getInstance(pekko.protocol());
        context.init(keys.keyManagerFactory().getKeyManagers(), trust, null);
        SSLEngine client = context.createSSLEngine();
        SSLEngine server = context.createSSLEngine();
        for (SSLEngine engine : new SSLEngine[] {client, server}) {
            engine.setEnabledProtocols(new String[] {pekko.protocol()});
            engine.setEnabledCipherSuites(pekko.suites().toArray(new String[0]));
        }
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        return InMemoryHandshake.run(client, server);
    }

    private static List<String> entries(String commaSeparated) {
        List<String> entries = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            entries.add(entry.trim());
        }
        return entries;
    }

    /** Runs one of the jar's checks; a refusal becomes a problem of the report. */
    private <T> Optional<T> attempt(Callable<T> check) {
        try {
            return Optional.ofNullable(check.call());
        } catch (SslConfigurationException e) {
            report.problem(e.optionKey(), e.getMessage());
        } catch (Exception | LinkageError e) {
            report.problem(null, causes(e));
        }
        return Optional.empty();
    }

    private static String providerName(SslProvider provider) {
        return provider == SslProvider.JDK ? "JDK" : "OPENSSL (" + OpenSslSupport.versionString() + ")";
    }

    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message);
            }
        }
        return text.toString();
    }

    private static String flinkVersion() {
        try {
            return EnvironmentInformation.getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown version";
        }
    }
}
