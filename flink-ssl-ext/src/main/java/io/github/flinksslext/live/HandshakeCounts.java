package io.github.flinksslext.live;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one endpoint side counts about its handshakes. Written on Netty's event loops at the end of
 * every handshake, so it takes no lock: adders per outcome, and the last protocol and suite as
 * plain volatile fields (the last writer wins, which is what "last" means).
 */
public final class HandshakeCounts {

    private final LongAdder completed = new LongAdder();
    private final LongAdder[] failed = new LongAdder[HandshakeFailure.values().length];
    /** protocol, then suite: engines name a handful of each, so the map stays small. */
    private final Map<String, Map<String, LongAdder>> byProtocolAndSuite = new ConcurrentHashMap<>();
    private volatile String lastProtocol = "";
    private volatile String lastCipherSuite = "";

    HandshakeCounts() {
        for (int i = 0; i < failed.length; i++) {
            failed[i] = new LongAdder();
        }
    }

    public void countCompleted(String protocol, String cipherSuite) {
        completed.increment();
        String p = protocol == null ? "" : protocol;
        String s = cipherSuite == null ? "" : cipherSuite;
        byProtocolAndSuite.computeIfAbsent(p, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(s, k -> new LongAdder()).increment();
        lastProtocol = p;
        lastCipherSuite = s;
    }

    public void countFailure(HandshakeFailure cause) {
        failed[cause.ordinal()].increment();
    }

    public long completed() {
        return completed.sum();
    }

    public long failed(HandshakeFailure cause) {
        return failed[cause.ordinal()].sum();
    }

    public long failedInAll() {
        long sum = 0;
        for (LongAdder adder : failed) {
            sum += adder.sum();
        }
        return sum;
    }

    public String lastProtocol() {
        return lastProtocol;
    }

    public String lastCipherSuite() {
        return lastCipherSuite;
    }

    /** Completed handshakes per "protocol suite" ("TLSv1.3 TLS_AES_128_GCM_SHA256"), sorted. */
    public Map<String, Long> completedByProtocolAndSuite() {
        Map<String, Long> out = new TreeMap<>();
        byProtocolAndSuite.forEach((protocol, suites) ->
                suites.forEach((suite, count) -> out.put(protocol + " " + suite, count.sum())));
        return out;
    }
}
