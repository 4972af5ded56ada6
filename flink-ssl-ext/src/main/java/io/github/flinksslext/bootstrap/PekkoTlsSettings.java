package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.OptionValue;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOption;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.engine.CipherSuites;
import io.github.flinksslext.engine.EngineCapabilities;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.stores.KeyEntry;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Flink's RPC layer (Pekko) will be given for its TLS, checked before it starts. Pekko builds
 * its engines with the JDK provider from {@code security.ssl.protocol}, taken as ONE protocol name,
 * and {@code security.ssl.algorithms}, taken as given; unset, it uses the running Flink's defaults
 * (TLSv1.2, and TLS_RSA_WITH_AES_128_CBC_SHA or, since FLINK-39022, ECDHE-RSA AES-GCM). It fails on a list, an unknown name, or suites the JVM or the
 * key cannot use, with errors that do not name the option: this says it first.
 */
public final class PekkoTlsSettings {

    private static final String FLINK_DEFAULT_PROTOCOL = EndpointSettingsParser.FLINK_DEFAULT_PROTOCOL;
    private static final String FLINK_DEFAULT_ALGORITHMS = EndpointSettingsParser.FLINK_DEFAULT_CIPHER_SUITES;

    private final String protocol;
    private final List<String> suites;

    /** The internal certificate Pekko will present, as loaded by the check; null without a keystore. */
    private final X509Certificate certificate;

    private PekkoTlsSettings(String protocol, List<String> suites, X509Certificate certificate) {
        this.protocol = protocol;
        this.suites = suites;
        this.certificate = certificate;
    }

    /** Throws, naming the option and the fix, where Pekko could not bring up TLS. */
    public static PekkoTlsSettings check(Configuration config) {
        EngineCapabilities jdk = EngineCapabilities.of(SslProvider.JDK);
        String protocol = protocol(config, jdk);
        List<String> suites = suites(config, jdk, protocol);
        requireFilesPekkoCanOpen(config);
        EndpointSettings internal = EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL);
        X509Certificate certificate = requireSuiteForKey(internal, protocol, suites);
        // Pekko opens the truststore too: a store it cannot read is reported now, with its option
        internal.trustStore().ifPresent(ProcessTls.get()::trustMaterial);
        return new PekkoTlsSettings(protocol, suites, certificate);
    }

    /** The internal certificate Pekko will present; null without a keystore. */
    public X509Certificate certificate() {
        return certificate;
    }

    public String protocol() {
        return protocol;
    }

    /** The configured suites the JVM permits for the protocol, in the configured order. */
    public List<String> suites() {
        return suites;
    }

    private static String protocol(Configuration config, EngineCapabilities jdk) {
        Optional<OptionValue> configured = SslOptions.PROTOCOL.lookup(config);
        String protocol = configured.map(OptionValue::value).orElse(FLINK_DEFAULT_PROTOCOL);
        String source = configured.isPresent() ? "'" + protocol + "'" : "unset, so Flink's default '" + protocol + "'";
        if (protocol.contains(",")) {
            throw error(SslOptions.PROTOCOL,
                    source + " is a list, but Flink's RPC layer (Pekko) takes exactly one protocol name and cannot"
                            + " start its TLS with a list",
                    "set one protocol that every Flink process supports, e.g. TLSv1.3, or TLSv1.2 where older"
                            + " clients must connect; the data plane, blob server and REST use it too");
        }
        if (!jdk.permittedProtocols().contains(protocol)) {
            throw error(SslOptions.PROTOCOL,
                    source + " is not a protocol this JVM enables, and Flink's RPC layer (Pekko) uses the JVM's TLS"
                            + " engine whatever '" + SslOptions.PROVIDER.key() + "' says",
                    "set one of " + String.join(", ", jdk.permittedProtocols()));
        }
        return protocol;
    }

    private static List<String> suites(Configuration config, EngineCapabilities jdk, String protocol) {
        Optional<OptionValue> configured = SslOptions.ALGORITHMS.lookup(config);
        String value = configured.map(OptionValue::value).orElse(FLINK_DEFAULT_ALGORITHMS);
        String source = configured.isPresent() ? "" : " ('" + SslOptions.ALGORITHMS.key() + "' is unset, so Flink's"
                + " default " + FLINK_DEFAULT_ALGORITHMS + ")";
        Set<String> names = new LinkedHashSet<>();
        for (String entry : value.split(",")) {
            if (!entry.trim().isEmpty()) {
                names.add(entry.trim());
            }
        }
        List<String> unknown = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        for (String suite : names) {
            if (!jdk.supportsCipherSuite(suite)) {
                unknown.add(suite);
            } else if (jdk.permittedCipherSuites().contains(suite) && CipherSuites.isTls13(suite) == protocol.equals("TLSv1.3")) {
                usable.add(suite);
            }
        }
        if (!unknown.isEmpty()) {
            throw error(SslOptions.ALGORITHMS,
                    "the JVM's TLS engine, which Flink's RPC layer (Pekko) uses, does not know " + unknown
                            + "; Pekko refuses to start its TLS with a name it does not know",
                    "list only suites the JVM supports, e.g. " + examples(jdk, protocol));
        }
        if (usable.isEmpty()) {
            throw error(SslOptions.ALGORITHMS,
                    "none of " + names + source + " can be used by Flink's RPC layer (Pekko) with " + protocol
                            + " on this JVM: suites for other protocol versions, or disabled by the JVM's security"
                            + " policy (jdk.tls.disabledAlgorithms)",
                    "list suites for " + protocol + " that the JVM enables, e.g. " + examples(jdk, protocol));
        }
        return usable;
    }

    /**
     * Pekko opens each internal store itself as one file stream: the Kubernetes secret layout (a
     * directory with tls.crt, tls.key and ca.crt), which the jar's own planes read, is no file.
     */
    private static void requireFilesPekkoCanOpen(Configuration config) {
        Optional<OptionValue> keyStore = SslOptions.INTERNAL_KEYSTORE.lookup(config);
        if (keyStore.isPresent() && Files.isDirectory(Paths.get(keyStore.get().value()))) {
            throw new SslConfigurationException(keyStore.get().key(),
                    "'" + keyStore.get().value() + "' is a directory, but Flink's RPC layer (Pekko) opens the internal"
                            + " keystore itself, as one file",
                    "point it at one PEM file with the private key and its chain: cert-manager writes tls-combined.pem"
                            + " when the Certificate has 'additionalOutputFormats: [{type: CombinedPEM}]'");
        }
        Optional<OptionValue> trustStore = SslOptions.INTERNAL_TRUSTSTORE.lookup(config);
        if (trustStore.isPresent() && Files.isDirectory(Paths.get(trustStore.get().value()))) {
            throw new SslConfigurationException(trustStore.get().key(),
                    "'" + trustStore.get().value() + "' is a directory, but Flink's RPC layer (Pekko) opens the internal"
                            + " truststore itself, as one file",
                    "point it at the CA file in it, e.g. " + Paths.get(trustStore.get().value(), "ca.crt"));
        }
    }

    /**
     * Loads the internal key as Pekko will (reporting any store problem with its option now), and
     * requires, for TLS 1.2, a suite that can authenticate with it: TLS 1.2 suites name the key type.
     *
     * @return the certificate Pekko will present, or null without a keystore
     */
    private static X509Certificate requireSuiteForKey(
            EndpointSettings internal, String protocol, List<String> suites) {
        Optional<StoreLocation> keyStore = internal.keyStore();
        if (!keyStore.isPresent()) {
            return null; // reported by the internal endpoint's own checks
        }
        // with the provider the data plane will use: the keys are then decrypted and checked once per process
        List<KeyEntry> entries = ProcessTls.get().keyMaterial(keyStore.get(), internal.provider()).entries();
        Set<String> keyAlgorithms = new LinkedHashSet<>();
        for (KeyEntry entry : entries) {
            keyAlgorithms.add(entry.keyAlgorithm());
        }
        if (protocol.equals("TLSv1.3")) {
            return entries.get(0).leaf();
        }
        for (String suite : suites) {
            for (String key : keyAlgorithms) {
                if (CipherSuites.worksWithKey(suite, key)) {
                    return entries.get(0).leaf();
                }
            }
        }
        throw error(SslOptions.ALGORITHMS,
                "Flink's RPC layer (Pekko) would offer only " + suites + ", and none of them works with the "
                        + keyAlgorithms + " key in '" + keyStore.get().pathKey() + "'",
                "list suites for that key type, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 for EC keys or"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 for RSA keys, or set '" + SslOptions.PROTOCOL.key()
                        + ": TLSv1.3'");
    }

    private static String examples(EngineCapabilities jdk, String protocol) {
        List<String> examples = new ArrayList<>();
        for (String suite : jdk.permittedCipherSuites()) {
            if (CipherSuites.isTls13(suite) == protocol.equals("TLSv1.3") && suite.contains("GCM") && examples.size() < 3) {
                examples.add(suite);
            }
        }
        return String.join(",", examples);
    }

    private static SslConfigurationException error(SslOption option, String problem, String fix) {
        return new SslConfigurationException(option.key(), problem, fix);
    }
}
