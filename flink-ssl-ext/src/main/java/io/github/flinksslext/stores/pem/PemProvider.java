package io.github.flinksslext.stores.pem;

import java.security.Provider;
import java.security.Security;

/**
 * The jar's JCA provider: one key store type, {@value #TYPE}. Installed once per JVM at the lowest
 * priority, so it replaces nothing of the JDK's, for the jar's own planes and for Flink's RPC
 * layer, which loads its stores itself with {@code KeyStore.getInstance(<keystore-type>)}.
 */
public final class PemProvider extends Provider {

    public static final String NAME = "FlinkSslExt";
    public static final String TYPE = "PEM";

    private static final long serialVersionUID = 1L;

    private PemProvider() {
        super(NAME, "1.0", "flink-ssl-ext: PEM key and trust stores");
        put("KeyStore." + TYPE, PemKeyStore.class.getName());
    }

    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(new PemProvider());
        }
    }
}
