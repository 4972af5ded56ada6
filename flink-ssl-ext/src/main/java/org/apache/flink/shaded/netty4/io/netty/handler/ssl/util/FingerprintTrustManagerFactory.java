/*
 * The RPC face of flink-ssl-ext. Flink's RPC layer (Pekko, loaded component-first by Flink's
 * SubmoduleClassLoader, which falls back to Flink's classpath where lib/*.jar comes first) builds
 * its pinned trust through this class whenever security.ssl.internal.cert.fingerprint is set. The
 * jar ships it with the public API of flink-shaded-netty's class (identical in 4.1.91, 4.1.100 and
 * 4.2.6) and no logic of its own: the peer's chain is checked against the truststore Pekko
 * initialises it with AND its certificate must match a pin, as on every other plane.
 */
package org.apache.flink.shaded.netty4.io.netty.handler.ssl.util;

import io.github.flinksslext.bootstrap.RpcTrust;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pinned trust for Flink's RPC layer, decided by flink-ssl-ext. */
public final class FingerprintTrustManagerFactory extends SimpleTrustManagerFactory {

    private final List<String> fingerprints;
    private volatile TrustManager[] managers;

    /**
     * @param algorithm ignored: every pin form the jar accepts (SHA-1, SHA-256, {@code sha256/}) works
     */
    public static FingerprintTrustManagerFactoryBuilder builder(String algorithm) {
        return new FingerprintTrustManagerFactoryBuilder(algorithm);
    }

    /** Netty's deprecated constructor: fingerprints as text. */
    public FingerprintTrustManagerFactory(Iterable<String> fingerprints) {
        this(RpcTrust.entries(fingerprints));
    }

    /** Netty's deprecated constructor: fingerprints as text. */
    public FingerprintTrustManagerFactory(String... fingerprints) {
        this(Arrays.asList(fingerprints));
    }

    /** Netty's deprecated constructor: raw SHA-1 (or SHA-256) fingerprints. */
    public FingerprintTrustManagerFactory(byte[]... fingerprints) {
        this(RpcTrust.hexEntries(fingerprints));
    }

    FingerprintTrustManagerFactory(List<String> fingerprints) {
        this.fingerprints = new ArrayList<>(fingerprints);
    }

    @Override
    protected void engineInit(KeyStore trustStore) throws Exception {
        managers = RpcTrust.trustManagers(fingerprints, trustStore);
    }

    @Override
    protected void engineInit(ManagerFactoryParameters parameters) throws Exception {
        managers = RpcTrust.trustManagers(fingerprints, null);
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        TrustManager[] built = managers;
        if (built == null) {
            // Netty's factory works uninitialised; here that means the JVM's default CAs plus the pins
            built = RpcTrust.trustManagers(fingerprints, null);
            managers = built;
        }
        return built.clone();
    }
}
