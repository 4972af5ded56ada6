package io.github.flinksslext.metrics;

import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.HandshakeCounts;
import io.github.flinksslext.live.HandshakeFailure;
import io.github.flinksslext.live.MaterialInUse;
import io.github.flinksslext.live.ProcessTls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads one endpoint side's live state from {@link ProcessTls} each time JMX asks; keeps nothing. */
final class TlsEndpointMetrics implements TlsEndpointMXBean {

    private static final long NONE = -1;

    private final ProcessTls process;
    private final EndpointSide where;

    TlsEndpointMetrics(ProcessTls process, EndpointSide where) {
        this.process = process;
        this.where = where;
    }

    private MaterialInUse material() {
        return process.materialsInUse().get(where);
    }

    private HandshakeCounts counts() {
        return process.handshakes().of(where.endpoint(), where.side());
    }

    @Override
    public long getOwnCertificateNotAfter() {
        MaterialInUse material = material();
        return material == null || material.ownChain().isEmpty() ? NONE : notAfter(material.ownChain().get(0));
    }

    @Override
    public long getOwnCertificateSecondsLeft() {
        return secondsLeft(getOwnCertificateNotAfter());
    }

    @Override
    public long getOwnChainEarliestNotAfter() {
        MaterialInUse material = material();
        return material == null ? NONE : earliest(material.ownChain());
    }

    @Override
    public long getTruststoreEarliestNotAfter() {
        MaterialInUse material = material();
        return material == null ? NONE : earliest(material.trusted());
    }

    @Override
    public long getEarliestNotAfter() {
        long chain = getOwnChainEarliestNotAfter();
        long trusted = getTruststoreEarliestNotAfter();
        return chain == NONE ? trusted : trusted == NONE ? chain : Math.min(chain, trusted);
    }

    @Override
    public long getEarliestSecondsLeft() {
        return secondsLeft(getEarliestNotAfter());
    }

    @Override
    public long getHandshakesCompleted() {
        return counts().completed();
    }

    @Override
    public long getHandshakesFailed() {
        return counts().failedInAll();
    }

    @Override
    public long getHandshakesFailedChainNotTrusted() {
        return counts().failed(HandshakeFailure.CHAIN_NOT_TRUSTED);
    }

    @Override
    public long getHandshakesFailedExpiredOrNotYetValid() {
        return counts().failed(HandshakeFailure.EXPIRED_OR_NOT_YET_VALID);
    }

    @Override
    public long getHandshakesFailedPinMismatch() {
        return counts().failed(HandshakeFailure.PIN_MISMATCH);
    }

    @Override
    public long getHandshakesFailedHostNameMismatch() {
        return counts().failed(HandshakeFailure.HOST_NAME_MISMATCH);
    }

    @Override
    public long getHandshakesFailedNoClientCertificate() {
        return counts().failed(HandshakeFailure.NO_CLIENT_CERTIFICATE);
    }

    @Override
    public long getHandshakesFailedProtocolOrSuiteMismatch() {
        return counts().failed(HandshakeFailure.PROTOCOL_OR_SUITE_MISMATCH);
    }

    @Override
    public long getHandshakesFailedRefusedByPeer() {
        return counts().failed(HandshakeFailure.REFUSED_BY_PEER);
    }

    @Override
    public long getHandshakesFailedTimeout() {
        return counts().failed(HandshakeFailure.TIMEOUT);
    }

    @Override
    public long getHandshakesFailedPeerClosed() {
        return counts().failed(HandshakeFailure.PEER_CLOSED);
    }

    @Override
    public long getHandshakesFailedOther() {
        return counts().failed(HandshakeFailure.OTHER);
    }

    @Override
    public Map<String, Long> getHandshakesCompletedByProtocolAndSuite() {
        return counts().completedByProtocolAndSuite();
    }

    @Override
    public String getLastProtocol() {
        return counts().lastProtocol();
    }

    @Override
    public String getLastCipherSuite() {
        return counts().lastCipherSuite();
    }

    @Override
    public long getMaterialLoadedAt() {
        MaterialInUse material = material();
        return material == null ? NONE : material.loadedAt().getEpochSecond();
    }

    @Override
    public long getRotations() {
        MaterialInUse material = material();
        return material == null ? 0 : material.rotations();
    }

    @Override
    public long getRefusedRotations() {
        MaterialInUse material = material();
        return material == null ? 0 : material.refusedRotations();
    }

    private static long notAfter(X509Certificate cert) {
        return cert.getNotAfter().toInstant().getEpochSecond();
    }

    private static long earliest(List<X509Certificate> certs) {
        long earliest = NONE;
        for (X509Certificate cert : certs) {
            long notAfter = notAfter(cert);
            earliest = earliest == NONE ? notAfter : Math.min(earliest, notAfter);
        }
        return earliest;
    }

    private static long secondsLeft(long notAfter) {
        return notAfter == NONE ? NONE : notAfter - Instant.now().getEpochSecond();
    }
}
