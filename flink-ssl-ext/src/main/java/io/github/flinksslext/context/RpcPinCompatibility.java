package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.trust.Pin;
import io.github.flinksslext.trust.PinSet;
import io.github.flinksslext.spi.TlsEndpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flink's RPC layer (Pekko) builds its TLS itself, inside its own class loader, where this jar
 * cannot reach, and reads the internal pins with Netty's SHA-1-only parser. Pins it cannot parse
 * stop RPC from starting in a cluster of separate processes, so say so once, before that happens.
 */
final class RpcPinCompatibility {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPinCompatibility.class);
    private static final Set<PinSet> WARNED = ConcurrentHashMap.newKeySet();

    private RpcPinCompatibility() {}

    static void warnIfRpcCannotRead(EndpointSettings settings) {
        if (settings.endpoint() != TlsEndpoint.INTERNAL || !settings.pins().isPresent()) {
            return;
        }
        PinSet pins = settings.pins().get();
        List<String> unreadable = new ArrayList<>();
        for (Pin pin : pins.pins()) {
            if (pin.kind() != Pin.Kind.CERTIFICATE_SHA1) {
                unreadable.add(pin.toString());
            }
        }
        if (!unreadable.isEmpty() && WARNED.add(pins)) {
            LOG.warn(
                    "'{}' holds pins that Flink's RPC layer (Pekko) cannot parse: {}. Pekko reads the same option"
                            + " itself and accepts SHA-1 fingerprints only, so with internal TLS its RPC fails to start"
                            + " in a cluster of separate JobManager and TaskManager processes (an embedded MiniCluster"
                            + " is unaffected). There, pin SHA-1 fingerprints (keytool -list -v prints them).",
                    pins.optionKey(), unreadable);
        }
    }
}
