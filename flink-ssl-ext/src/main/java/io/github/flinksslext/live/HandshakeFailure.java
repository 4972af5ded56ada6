package io.github.flinksslext.live;

/**
 * Why a handshake failed, as counted and logged. The trust manager names the first four where it
 * refuses a chain; the rest are read from what the engine or Netty failed with.
 */
public enum HandshakeFailure {
    CHAIN_NOT_TRUSTED("chain not trusted", "ChainNotTrusted", true),
    EXPIRED_OR_NOT_YET_VALID("expired or not yet valid", "ExpiredOrNotYetValid", true),
    PIN_MISMATCH("pin mismatch", "PinMismatch", true),
    HOST_NAME_MISMATCH("host name mismatch", "HostNameMismatch", true),
    NO_CLIENT_CERTIFICATE("no client certificate", "NoClientCertificate", true),
    PROTOCOL_OR_SUITE_MISMATCH("protocol or suite mismatch", "ProtocolOrSuiteMismatch", true),
    /** The peer sent an alert refusing this side's certificate: the peer's log says why. */
    REFUSED_BY_PEER("refused by peer", "RefusedByPeer", false),
    TIMEOUT("timeout", "Timeout", false),
    /** The connection closed or was reset before the handshake finished. */
    PEER_CLOSED("peer closed", "PeerClosed", false),
    OTHER("other", "Other", false);

    private final String words;
    private final String attributeSuffix;
    private final boolean refusedHere;

    HandshakeFailure(String words, String attributeSuffix, boolean refusedHere) {
        this.words = words;
        this.attributeSuffix = attributeSuffix;
        this.refusedHere = refusedHere;
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
        return refusedHere;
    }
}
