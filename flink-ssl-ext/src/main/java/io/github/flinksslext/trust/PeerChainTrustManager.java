package io.github.flinksslext.trust;

import io.github.flinksslext.live.HandshakeFailure;
import io.github.flinksslext.stores.TrustAnchors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;

/**
 * A peer's chain as operators expect it checked: it must validate against the truststore (path,
 * signatures, dates), the trust anchor it ends at must be within its validity too (the JDK does not
 * check that; the jar checks its own certificate the same way), and, when pins are configured, its
 * leaf or a CA certificate on its validated path must match one (a dedicated intermediate pinned
 * keeps matching when the leaf is renewed with a new key). Extends {@link X509ExtendedTrustManager} so that the JDK hands over the engine
 * or socket and does not wrap it with checks of its own.
 */
public final class PeerChainTrustManager extends X509ExtendedTrustManager {

    /** One of the standard trust manager's checks, which throws on a chain it refuses. */
    private interface ChainCheck {
        void run(X509Certificate[] chain) throws CertificateException;
    }

    private final X509ExtendedTrustManager chainValidator;
    private final TrustAnchors anchors;
    private final PinSet pins;
    private final String truststoreKey;

    /**
     * @param chainValidator the standard trust manager over the endpoint's truststore
     * @param pins the pins the leaf must match, or null for none
     * @param truststoreKey the option that named the truststore, or null for the JVM's default one
     */
    public PeerChainTrustManager(X509ExtendedTrustManager chainValidator, PinSet pins, String truststoreKey) {
        this.chainValidator = chainValidator;
        this.anchors = new TrustAnchors(Arrays.asList(chainValidator.getAcceptedIssuers()));
        this.pins = pins;
        this.truststoreKey = truststoreKey;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, "client", null, null, views -> chainValidator.checkClientTrusted(views, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain, "client", handshake(socket), null, views -> chainValidator.checkClientTrusted(views, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain, "client", engine == null ? null : engine.getHandshakeSession(), engine,
                views -> chainValidator.checkClientTrusted(views, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, "server", null, null, views -> chainValidator.checkServerTrusted(views, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain, "server", handshake(socket), null, views -> chainValidator.checkServerTrusted(views, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain, "server", engine == null ? null : engine.getHandshakeSession(), engine,
                views -> chainValidator.checkServerTrusted(views, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainValidator.getAcceptedIssuers();
    }

    /** Turns the JDK's refusal of the host name into the exception a refused handshake carries. */
    interface HostRefusal {
        CertificateException refused(CertificateException identityCheck);
    }

    /**
     * The server's chain, the anchor's dates and the pins as {@link #checkServerTrusted(X509Certificate[],
     * String, SSLEngine)} checks them, then its host name by the JDK's HTTPS rules: for a REST client
     * that verifies host names. The standard trust manager validates the chain and checks the host in
     * one pass when the engine it is handed asks for HTTPS, so the chain is validated once per
     * handshake; only when that pass refuses is the chain validated again alone, to tell a refused
     * chain from a wrong host. The verdict is the one of checking chain, anchor, pins and host in
     * that order.
     *
     * @param hostEngine the client's engine as the identity check reads it: parameters asking for
     *     HTTPS, a handshake session whose peer host is the host connected to
     */
    void checkServerTrustedWithHost(
            X509Certificate[] chain, String authType, SSLEngine engine, SSLEngine hostEngine, HostRefusal hostRefusal)
            throws CertificateException {
        verify(chain, "server", engine == null ? null : engine.getHandshakeSession(), engine,
                views -> chainValidator.checkServerTrusted(views, authType, engine),
                views -> chainValidator.checkServerTrusted(views, authType, hostEngine),
                hostRefusal);
    }

    /** Whether this trust manager's chain validation is {@code validator}'s. */
    boolean validatesWith(X509ExtendedTrustManager validator) {
        return chainValidator == validator;
    }

    private void verify(X509Certificate[] chain, String peerRole, SSLSession handshake, SSLEngine engine, ChainCheck chainCheck)
            throws CertificateException {
        verify(chain, peerRole, handshake, engine, chainCheck, null, null);
    }

    /**
     * @param handshake the session being negotiated, or null outside a handshake (startup checks)
     * @param engine the engine negotiating it, or null (sockets, startup checks)
     * @param chainAndHostCheck the chain check that checks the host name as well, or null for none
     * @param hostRefusal what a refused host name throws, with {@code chainAndHostCheck}
     */
    private void verify(X509Certificate[] chain, String peerRole, SSLSession handshake, SSLEngine engine,
            ChainCheck chainCheck, ChainCheck chainAndHostCheck, HostRefusal hostRefusal) throws CertificateException {
        // the same certificates, but absent extensions cost the JDK's validator no exceptions
        X509Certificate[] views = PkixCertificateView.of(chain);
        CertificateException hostRefused = null;
        try {
            if (chainAndHostCheck == null) {
                chainCheck.run(views);
            } else {
                try {
                    chainAndHostCheck.run(views);
                } catch (CertificateException refused) {
                    chainCheck.run(views); // throws if the chain itself is refused
                    hostRefused = refused;
                }
            }
        } catch (CertificateException e) {
            String message = pins == null ? e.getMessage()
                    : PeerChainReport.chainRejected(pins, chain, peerRole, truststoreKey, e.getMessage());
            throw RefusedChainException.chainCheckFailed(message, chain, e);
        }
        X509Certificate staleAnchor = anchors.outOfDateAnchor(chain, new Date());
        if (staleAnchor != null) {
            throw new RefusedChainException(HandshakeFailure.EXPIRED_OR_NOT_YET_VALID,
                    PeerChainReport.anchorOutOfDate(pins, chain, peerRole, truststoreKey, staleAnchor), chain, null);
        }
        if (pins != null) {
            pins.check(chain, peerRole, anchors);
            if (handshake != null) {
                PinVerifications.record(pins.optionKey(), peerRole, PeerText.subject(chain[0]), handshake, engine);
            }
        }
        if (hostRefused != null) {
            throw hostRefusal.refused(hostRefused);
        }
    }

    private static SSLSession handshake(Socket socket) {
        return socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
    }
}
