package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.PinListParser;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.trust.PinSet;
import io.github.flinksslext.trust.PeerChainTrustManager;
import io.github.flinksslext.trust.PinsOnlyTrustManager;
import io.github.flinksslext.trust.StandardTrust;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust Flink's RPC layer (Pekko) gets through the jar's {@code FingerprintTrustManagerFactory}:
 * the same decision as on the data plane. Pekko hands over the pins of
 * {@code security.ssl.internal.cert.fingerprint} (split at commas) and the internal truststore it
 * loaded itself; whether pins alone decide ({@code security.ssl.internal.cert.pin-only}) comes from
 * the configuration this process started with, and is off when no such configuration was seen.
 */
public final class RpcTrust {

    private static final String PINS_KEY = SslOptions.INTERNAL_CERT_FINGERPRINT.key();

    private RpcTrust() {}

    public static TrustManager[] trustManagers(List<String> fingerprints, KeyStore trustStore) {
        PinSet pins = pins(fingerprints);
        X509TrustManager manager = ProcessConfiguration.internalPinOnly()
                ? new PinsOnlyTrustManager(pins)
                : new PeerChainTrustManager(
                        StandardTrust.over(trustStore, SslOptions.INTERNAL_TRUSTSTORE.key(), "the truststore Pekko loaded"),
                        pins,
                        trustStore == null ? null : SslOptions.INTERNAL_TRUSTSTORE.key());
        return new TrustManager[] {manager};
    }

    /** Parses now, so that a malformed pin stops RPC with the option's name when Pekko starts. */
    public static void requirePins(List<String> fingerprints) {
        pins(fingerprints);
    }

    public static List<String> entries(Iterable<? extends CharSequence> fingerprints) {
        List<String> entries = new ArrayList<>();
        for (CharSequence fingerprint : fingerprints) {
            entries.add(String.valueOf(fingerprint));
        }
        return entries;
    }

    public static List<String> hexEntries(byte[]... fingerprints) {
        List<String> entries = new ArrayList<>();
        for (byte[] fingerprint : fingerprints) {
            StringBuilder hex = new StringBuilder();
            for (byte b : fingerprint) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            entries.add(hex.toString());
        }
        return entries;
    }

    private static PinSet pins(List<String> fingerprints) {
        return PinListParser.parse(PINS_KEY, String.join(",", fingerprints));
    }
}
