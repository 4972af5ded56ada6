package io.github.flinksslext.engine;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.KeyExchangeGroupsSetting;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOptions;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLEngine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which key-exchange groups a context offers, in order. With OPENSSL the default puts the hybrid
 * post-quantum X25519MLKEM768 first: every internal peer runs the same jar and agrees on it, and a
 * peer without ML-KEM (a JDK 17 client, Flink without the jar) still gets X25519 or P-256. With JDK
 * the JDK keeps its own groups (an explicit list is refused when the options are parsed).
 */
public final class KeyExchangeGroups {

    public static final String X25519_MLKEM768 = "X25519MLKEM768";

    /** Offered with OPENSSL when the option is unset, in BoringSSL's names. */
    public static final List<String> OPENSSL_DEFAULT = List.of(X25519_MLKEM768, "X25519", "P-256");

    /**
     * The groups the jar accepts, in BoringSSL's names and the order they are listed to users; the
     * engine is asked which it really knows. BoringSSL's X25519Kyber768Draft00 is left out on
     * purpose: a pre-standard code point superseded by X25519MLKEM768.
     */
    static final List<String> CANDIDATES = List.of(X25519_MLKEM768, "MLKEM1024", "X25519", "P-256", "P-384", "P-521");

    /** Groups that stay secure against a quantum computer; a list of only these is the strict mode. */
    public static final Set<String> POST_QUANTUM = Set.of(X25519_MLKEM768, "MLKEM1024");

    /** Any case; with the JDK's and OpenSSL's names for the same groups, as operators may know them. */
    private static final Map<String, String> NAMES = names();

    private KeyExchangeGroups() {}

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (String group : CANDIDATES) {
            names.put(group.toLowerCase(Locale.ROOT), group);
        }
        names.put("secp256r1", "P-256");
        names.put("prime256v1", "P-256");
        names.put("secp384r1", "P-384");
        names.put("secp521r1", "P-521");
        return Collections.unmodifiableMap(names);
    }

    /**
     * The groups a context of these settings sets on its engine, in BoringSSL's names; empty for
     * the JDK provider, whose engine keeps the JDK's groups.
     *
     * @param protocols the protocols the context enables, for the strict post-quantum mode
     */
    public static List<String> select(EndpointSettings settings, List<String> protocols) {
        if (settings.provider() == SslProvider.JDK) {
            return Collections.emptyList();
        }
        Set<String> known = OpenSslGroups.supported();
        KeyExchangeGroupsSetting setting = settings.keyExchangeGroups();
        if (!setting.configured()) {
            List<String> defaults = new ArrayList<>(OPENSSL_DEFAULT);
            defaults.retainAll(known);
            return Collections.unmodifiableList(defaults);
        }
        List<String> groups = new ArrayList<>();
        for (String name : setting.groups()) {
            String group = NAMES.get(name.toLowerCase(Locale.ROOT));
            if (group == null || !known.contains(group)) {
                throw new SslConfigurationException(
                        setting.key(),
                        "'" + name + "' is not a key-exchange group the OPENSSL engine (" + OpenSslSupport.versionString()
                                + ") supports",
                        "use one or more of " + supportedNames(known) + " in order of preference (the JDK's names"
                                + " x25519, secp256r1, secp384r1, secp521r1 work too), or remove the option for the"
                                + " default " + String.join(",", OPENSSL_DEFAULT));
            }
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        requireTls13ForPostQuantumOnly(setting, groups, protocols);
        return Collections.unmodifiableList(groups);
    }

    /** Sets the selected groups on a freshly built context of these settings; returns it. */
    public static SslContext applyTo(SslContext context, EndpointSettings settings, TlsParameters parameters) {
        return OpenSslGroups.apply(context, parameters.keyExchangeGroups(), settings.keyExchangeGroups().key());
    }

    /**
     * The group a live or finished handshake negotiated, in BoringSSL's name, read from the engine;
     * empty for a JDK engine (Java 17 does not say), before the server chose one, or once freed.
     */
    public static Optional<String> negotiated(SSLEngine engine) {
        return OpenSslGroups.negotiated(engine);
    }

    /** Whether the list leaves a peer without ML-KEM no way in: the strict post-quantum mode. */
    public static boolean postQuantumOnly(List<String> groups) {
        return !groups.isEmpty() && POST_QUANTUM.containsAll(groups);
    }

    /**
     * Post-quantum groups exist in TLS 1.3 only. With TLS 1.2 enabled a strict list would not be
     * strict: a TLS 1.2 peer would still connect, over RSA key transport (Flink's legacy suite) or
     * not at all, and the operator would believe every connection is post-quantum.
     */
    private static void requireTls13ForPostQuantumOnly(
            KeyExchangeGroupsSetting setting, List<String> groups, List<String> protocols) {
        if (postQuantumOnly(groups) && protocols.stream().anyMatch(p -> !p.equals("TLSv1.3"))) {
            throw new SslConfigurationException(
                    setting.key(),
                    "it lists only post-quantum groups " + groups + ", which exist in TLS 1.3 only, but the enabled"
                            + " protocols " + protocols + " would let TLS 1.2 peers in with a classical key exchange",
                    "set '" + SslOptions.PROTOCOL.key() + ": TLSv1.3' for the strict post-quantum mode, or add"
                            + " X25519 after the post-quantum groups so that peers without ML-KEM connect");
        }
    }

    private static String supportedNames(Set<String> known) {
        List<String> names = new ArrayList<>(CANDIDATES);
        names.retainAll(known);
        return String.join(",", names);
    }
}
