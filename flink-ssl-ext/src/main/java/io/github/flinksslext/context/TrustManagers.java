package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.OptionValue;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.stores.TrustMaterial;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.util.FingerprintTrustManagerFactory;

import javax.net.ssl.TrustManagerFactory;

import java.security.GeneralSecurityException;
import java.util.Optional;

/** Builds the trust manager factory of an endpoint from its truststore and pins. */
final class TrustManagers {

    private TrustManagers() {}

    static TrustManagerFactory forEndpoint(EndpointSettings settings, TrustMaterial trust) {
        Optional<OptionValue> pins = settings.fingerprints();
        try {
            TrustManagerFactory factory =
                    pins.isPresent()
                            ? fingerprintOnly(pins.get())
                            : TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust.store());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(
                    trust.location().pathKey(),
                    "no trust manager can be built from '" + trust.location().path() + "' (" + e.getMessage() + ")",
                    "re-create the truststore with standard certificates",
                    e);
        }
    }

    /** Flink's semantics: SHA-1 fingerprints of the peer's leaf certificate, nothing else checked. */
    @SuppressWarnings("deprecation")
    private static TrustManagerFactory fingerprintOnly(OptionValue pins) {
        try {
            return new FingerprintTrustManagerFactory(pins.value().split(","));
        } catch (IllegalArgumentException e) {
            throw new SslConfigurationException(
                    pins.key(),
                    "'" + pins.value() + "' is not a comma-separated list of SHA-1 fingerprints (" + e.getMessage() + ")",
                    "list fingerprints as keytool prints them, e.g. 8A:3F:...:21, separated by commas");
        }
    }
}
