package io.github.flinksslext.config;

import java.util.List;
import java.util.Locale;

/**
 * The keystore and truststore formats the jar accepts, in the one list to extend when a format is
 * added. The JDK reads more (JCEKS, DKS, CaseExactJKS, ...); they are refused rather than left
 * undocumented.
 */
public final class StoreTypes {

    /** PEM files as cert-manager and openssl write them; read by the jar's own key store type. */
    public static final String PEM = "PEM";

    private static final List<String> ACCEPTED = List.of("PKCS12", "JKS", PEM);

    private StoreTypes() {}

    public static boolean isPem(String type) {
        return PEM.equalsIgnoreCase(type);
    }

    /** "PKCS12, JKS or PEM", for messages. */
    public static String described() {
        return String.join(", ", ACCEPTED.subList(0, ACCEPTED.size() - 1)) + " or " + ACCEPTED.get(ACCEPTED.size() - 1);
    }

    /** The value, if it names an accepted format (in any case). */
    static OptionValue check(OptionValue type, String store) {
        if (!ACCEPTED.contains(type.value().toUpperCase(Locale.ROOT))) {
            throw new SslConfigurationException(
                    type.key(), "'" + type.value() + "' is not a " + store + " type the jar reads", "set " + described());
        }
        return type;
    }
}
