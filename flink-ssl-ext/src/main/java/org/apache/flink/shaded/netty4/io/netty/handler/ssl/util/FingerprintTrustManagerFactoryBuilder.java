/*
 * Part of the RPC face of flink-ssl-ext; see FingerprintTrustManagerFactory. Same public API as
 * flink-shaded-netty's builder; pins are parsed by the jar when the factory is initialised.
 */
package org.apache.flink.shaded.netty4.io.netty.handler.ssl.util;

import io.github.flinksslext.bootstrap.RpcTrust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Collects the pins for {@link FingerprintTrustManagerFactory}. */
public final class FingerprintTrustManagerFactoryBuilder {

    private final List<String> fingerprints = new ArrayList<>();

    FingerprintTrustManagerFactoryBuilder(String algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    public FingerprintTrustManagerFactoryBuilder fingerprints(CharSequence... fingerprints) {
        return fingerprints(Arrays.asList(Objects.requireNonNull(fingerprints, "fingerprints")));
    }

    public FingerprintTrustManagerFactoryBuilder fingerprints(Iterable<? extends CharSequence> fingerprints) {
        this.fingerprints.addAll(RpcTrust.entries(Objects.requireNonNull(fingerprints, "fingerprints")));
        return this;
    }

    public FingerprintTrustManagerFactory build() {
        RpcTrust.requirePins(fingerprints);
        return new FingerprintTrustManagerFactory(fingerprints);
    }
}
