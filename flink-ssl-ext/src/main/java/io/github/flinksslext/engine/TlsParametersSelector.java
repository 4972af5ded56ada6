package io.github.flinksslext.engine;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOptions;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Checks the configured protocols and cipher suites against what the chosen engine can do, and
 * against the keys that will sign handshakes. Unusable configured suites are dropped with a WARN;
 * an unusable protocol, or no usable suite at all, is an error listing what would work.
 */
public final class TlsParametersSelector {

    private static final Logger LOG = LoggerFactory.getLogger(TlsParametersSelector.class);

    private TlsParametersSelector() {}

    /**
     * @param serverKeyAlgorithms algorithms of the keys that may serve a handshake ("RSA", "EC");
     *     empty for a side that never acts as a server with its own key
     * @param keystoreKey the keystore option holding those keys, for messages
     */
    public static TlsParameters select(
            EndpointSettings settings, Collection<String> serverKeyAlgorithms, String keystoreKey) {
        EngineCapabilities engine = EngineCapabilities.of(settings.provider());
        List<String> protocols = protocols(settings, engine);

        List<String> usable = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String suite : settings.cipherSuites()) {
            (engine.supportsCipherSuite(suite) ? usable : dropped).add(suite);
        }
        if (usable.isEmpty()) {
            throw new SslConfigurationException(
                    SslOptions.ALGORITHMS.key(),
                    "the " + settings.provider() + " engine supports none of " + settings.cipherSuites(),
                    "list suites it supports: " + String.join(",", engine.cipherSuites()));
        }
        List<String> encrypting = new ArrayList<>();
        for (String suite : usable) {
            if (!CipherSuites.isSignalling(suite)) {
                encrypting.add(suite);
            }
        }
        if (encrypting.isEmpty()) {
            throw new SslConfigurationException(
                    SslOptions.ALGORITHMS.key(),
                    usable + " are signalling values, not cipher suites: they encrypt nothing, and the engine sends"
                            + " them by itself when needed",
                    "list cipher suites, or remove the option for the modern default");
        }
        if (!dropped.isEmpty() && settings.cipherSuitesConfigured()) {
            LOG.warn(
                    "'{}': the {} engine lacks {}; they are left out and {} remain in force.",
                    SslOptions.ALGORITHMS.key(), settings.provider(), dropped, usable);
        }
        requireSuiteForProtocols(settings.provider(), protocols, encrypting);
        requireSuiteForKeys(settings.provider(), protocols, encrypting, serverKeyAlgorithms, keystoreKey);
        warnIfTls13SuitesIgnored(settings, protocols, usable);
        return new TlsParameters(
                Collections.unmodifiableList(protocols),
                Collections.unmodifiableList(usable),
                settings.cipherSuitesConfigured() ? Collections.unmodifiableList(dropped) : Collections.emptyList(),
                KeyExchangeGroups.select(settings, protocols));
    }

    private static List<String> protocols(EndpointSettings settings, EngineCapabilities engine) {
        Set<String> permitted = engine.permittedProtocols();
        List<String> chosen = new ArrayList<>();
        for (String protocol : settings.protocols()) {
            if (permitted.contains(protocol)) {
                chosen.add(protocol);
            } else if (settings.protocolsConfigured()) {
                String problem = engine.supportsProtocol(protocol)
                        ? "'" + protocol + "' is disabled by this JVM's security policy (jdk.tls.disabledAlgorithms)"
                        : "'" + protocol + "' is not a protocol the " + settings.provider() + " engine supports";
                throw new SslConfigurationException(
                        SslOptions.PROTOCOL.key(), problem, "use one or more of " + String.join(",", permitted));
            }
        }
        if (chosen.isEmpty()) {
            throw new SslConfigurationException(
                    SslOptions.PROTOCOL.key(),
                    "none of " + settings.protocols() + " can be used",
                    "use one or more of " + String.join(",", permitted));
        }
        return chosen;
    }

    private static void requireSuiteForProtocols(SslProvider provider, List<String> protocols, List<String> suites) {
        boolean tls13 = protocols.contains("TLSv1.3");
        boolean belowTls13 = protocols.stream().anyMatch(p -> !p.equals("TLSv1.3"));
        boolean hasTls13Suite = suites.stream().anyMatch(CipherSuites::isTls13);
        boolean hasOlderSuite = suites.stream().anyMatch(s -> !CipherSuites.isTls13(s));
        // BoringSSL always enables its TLS 1.3 suites, so TLS 1.3 alone needs none listed there.
        boolean tls13Works = tls13 && (hasTls13Suite || provider != SslProvider.JDK);
        if (!tls13Works && !(belowTls13 && hasOlderSuite)) {
            throw new SslConfigurationException(
                    SslOptions.ALGORITHMS.key(),
                    "no listed cipher suite " + suites + " belongs to the enabled protocols " + protocols
                            + " (TLS 1.3 suites are TLS_AES_* and TLS_CHACHA20_*; the others are for TLS 1.2 and older)",
                    "list suites for the enabled protocols, or change '" + SslOptions.PROTOCOL.key() + "'");
        }
    }

    private static void requireSuiteForKeys(
            SslProvider provider,
            List<String> protocols, List<String> suites, Collection<String> keyAlgorithms, String keystoreKey) {
        if (keyAlgorithms.isEmpty()) {
            return;
        }
        boolean tls13 = protocols.contains("TLSv1.3");
        for (String suite : suites) {
            for (String key : keyAlgorithms) {
                if (CipherSuites.isTls13(suite) ? tls13 : CipherSuites.worksWithKey(suite, key)) {
                    return;
                }
            }
        }
        if (tls13 && provider != SslProvider.JDK) {
            return; // BoringSSL's implicit TLS 1.3 suites work with any key
        }
        throw new SslConfigurationException(
                SslOptions.ALGORITHMS.key(),
                "none of the cipher suites " + suites + " can be used with the " + keyAlgorithms + " key in '"
                        + keystoreKey + "'",
                "list suites for that key type (TLS_ECDHE_ECDSA_* for EC keys, TLS_ECDHE_RSA_* for RSA keys),"
                        + " enable TLSv1.3, or use a key of the type the suites name");
    }

    private static void warnIfTls13SuitesIgnored(EndpointSettings settings, List<String> protocols, List<String> suites) {
        if (settings.provider() != SslProvider.JDK && settings.cipherSuitesConfigured() && protocols.contains("TLSv1.3")
                && suites.stream().anyMatch(CipherSuites::isTls13)) {
            LOG.warn(
                    "'{}': BoringSSL does not let TLS 1.3 cipher suites be chosen; with OPENSSL every TLS 1.3 suite stays"
                            + " enabled whatever the list says.",
                    SslOptions.ALGORITHMS.key());
        }
    }
}
