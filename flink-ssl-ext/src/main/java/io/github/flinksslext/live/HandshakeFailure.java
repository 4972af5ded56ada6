package io.github.flinksslext.live;

/**
 * Why a handshake failed, as counted and logged. The trust manager names the first four where it
 * refuses a chain; the rest are read from what the engine or Netty failed with.
 */
public enum HandshakeFailure {
    CHAIN_NOT_TRUSTED("chain not trusted", "ChainNotTrusted"),
    EXPIRED_OR_NOT_YET_VALID("expired or not yet valid", "ExpiredOrNotYetValid"),
    PIN_MISMATCH("pin mismatch", "PinMismatch"),
    HOST_NAME_MISMATCH("host name mismatch", "HostNameMismatch"),
    NO_CLIENT_CERTIFICATE("no client certificate", "NoClientCertificate"),
    PROTOCOL_OR_SUITE_MISMATCH("protocol or suite mismatch", "ProtocolOrSuiteMismatch"),
    REFUSED_BY_PEER("refused by peer", "RefusedByPeer"),
    TIMEOUT("timeout", "Timeout"),
    PEER_CLOSED("peer closed", "PeerClosed"),
    OTHER("other", "Other");

    private final String words;
    private final String attributeSuffix;

    HandshakeFailure(String words, String attributeSuffix) {
        this.words = words;
        this.attributeSuffix = attributeSuffix;
    }

    /** "pin mismatch": what the log lines say. */
    public String words() {
        return words;
    }

    /** "PinMismatch": the end of the MBean attribute {@code HandshakesFailed<suffix>}. */
    public String attributeSuffix() {
        return attributeSuffix;
    }

    /** Whether this process refused the peer (as opposed to the peer refusing it, or the connection ending). */
    public boolean refusedHere() {
        return ordinal() <= PROTOCOL_OR_SUITE_MISMATCH.ordinal();
    }
}
