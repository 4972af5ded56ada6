package io.github.flinksslext.metrics;

import java.util.Map;

/**
 * One endpoint side's TLS, as JMX shows it under
 * {@code io.github.flinksslext:type=TlsEndpoint,endpoint=<internal|rest>,side=<server|client>}.
 * Times are epoch seconds, durations seconds; -1 where there is nothing to tell (no certificate,
 * no truststore, nothing loaded yet). These names are documented in the README and stay stable.
 */
public interface TlsEndpointMXBean {

    /** The notAfter of the certificate this side presents, epoch seconds. */
    long getOwnCertificateNotAfter();

    /** Seconds until that notAfter; negative once it has passed. */
    long getOwnCertificateSecondsLeft();

    /** The earliest notAfter in the chain this side presents (leaf and CAs), epoch seconds. */
    long getOwnChainEarliestNotAfter();

    /** The earliest notAfter among the CAs this side trusts from its truststore, epoch seconds. */
    long getTruststoreEarliestNotAfter();

    /** The earliest of the two above: the first certificate in use here to expire, epoch seconds. */
    long getEarliestNotAfter();

    /** Seconds until {@link #getEarliestNotAfter()}; the one number to alert on. */
    long getEarliestSecondsLeft();

    long getHandshakesCompleted();

    /** Failed handshakes, every cause. */
    long getHandshakesFailed();

    long getHandshakesFailedChainNotTrusted();

    long getHandshakesFailedExpiredOrNotYetValid();

    long getHandshakesFailedPinMismatch();

    long getHandshakesFailedHostNameMismatch();

    long getHandshakesFailedNoClientCertificate();

    long getHandshakesFailedProtocolOrSuiteMismatch();

    long getHandshakesFailedRefusedByPeer();

    long getHandshakesFailedTimeout();

    long getHandshakesFailedPeerClosed();

    long getHandshakesFailedOther();

    /** Completed handshakes per "protocol suite", e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256". */
    Map<String, Long> getHandshakesCompletedByProtocolAndSuite();

    /** The protocol of the last completed handshake; empty before the first. */
    String getLastProtocol();

    /** The cipher suite of the last completed handshake; empty before the first. */
    String getLastCipherSuite();

    /** When the material in use was loaded, epoch seconds. */
    long getMaterialLoadedAt();

    long getRotations();

    long getRefusedRotations();
}
