package io.github.flinksslext.trust;

import io.github.flinksslext.live.HandshakeFailure;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Hostname verification for REST clients, by the JDK's own HTTPS rules (its PKIX trust manager
 * makes the check, handed a view of the engine), against the host the connection was made to: as
 * the client named it when it connected, else the host its engine was created with. With neither,
 * the server is refused: there is nothing to check it against.
 */
public final class HostnameVerifyingTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager peerTrust;
    private final X509ExtendedTrustManager identityCheck;

    /**
     * @param peerTrust decides the chain (and pins) before the host is checked
     * @param identityCheck the JDK's PKIX trust manager over the truststore, or null when pins alone
     *     decide the chain (pin-only): the host is then checked against the peer's certificate taken
     *     as its own anchor
     */
    public HostnameVerifyingTrustManager(X509TrustManager peerTrust, X509ExtendedTrustManager identityCheck) {
        this.peerTrust = peerTrust;
        this.identityCheck = identityCheck;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String host = connectedHost(engine);
        ConnectedHostEngine hostEngine = new ConnectedHostEngine(engine, host);
        PeerChainTrustManager.HostRefusal refusal = e -> new RefusedChainException(
                HandshakeFailure.HOST_NAME_MISMATCH, PeerChainReport.hostMismatch(chain, host, e.getMessage()), chain, e);
        if (identityCheck != null && peerTrust instanceof PeerChainTrustManager
                && ((PeerChainTrustManager) peerTrust).validatesWith(identityCheck)) {
            // one validation of the chain that checks the host too, rather than one for each
            ((PeerChainTrustManager) peerTrust).checkServerTrustedWithHost(chain, authType, engine, hostEngine, refusal);
            return;
        }
        checkPeer(chain, authType, true, engine, null);
        try {
            identityCheck(chain).checkServerTrusted(chain, authType, hostEngine);
        } catch (CertificateException e) {
            throw refusal.refused(e);
        }
    }

    /** A socket knows the host it connected to; the JDK checks it when the socket's user asks for HTTPS. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkPeer(chain, authType, true, null, socket);
        if (identityCheck == null) {
            identityCheck(chain).checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw noHost();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkPeer(chain, authType, false, engine, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkPeer(chain, authType, false, null, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        peerTrust.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return peerTrust.getAcceptedIssuers();
    }

    /**
     * The peer trust's own check: with the engine or socket where it takes them, as the JDK calls
     * a trust manager; the plain one where it is a plain {@link X509TrustManager} (pin-only).
     */
    private void checkPeer(X509Certificate[] chain, String authType, boolean server, SSLEngine engine, Socket socket)
            throws CertificateException {
        if (!(peerTrust instanceof X509ExtendedTrustManager)) {
            if (server) {
                peerTrust.checkServerTrusted(chain, authType);
            } else {
                peerTrust.checkClientTrusted(chain, authType);
            }
            return;
        }
        X509ExtendedTrustManager extended = (X509ExtendedTrustManager) peerTrust;
        if (server && engine != null) {
            extended.checkServerTrusted(chain, authType, engine);
        } else if (server) {
            extended.checkServerTrusted(chain, authType, socket);
        } else if (engine != null) {
            extended.checkClientTrusted(chain, authType, engine);
        } else {
            extended.checkClientTrusted(chain, authType, socket);
        }
    }

    private static String connectedHost(SSLEngine engine) throws CertificateException {
        String host = engine == null ? null : ConnectedHosts.of(engine);
        if (host == null && engine != null) {
            host = engine.getPeerHost();
        }
        if (host == null || host.isEmpty()) {
            throw noHost();
        }
        return host;
    }

    private static CertificateException noHost() {
        return new CertificateException("Host name check failed: this connection does not say which host it was made"
                + " to, so the server's certificate cannot be checked for it and the server is refused"
                + " ('security.ssl.verify-hostname' is true). Flink's REST client tells the jar the host of each"
                + " connection; other clients must create their TLS handlers with the host they connect to.");
    }

    private X509ExtendedTrustManager identityCheck(X509Certificate[] chain) throws CertificateException {
        if (identityCheck != null) {
            return identityCheck;
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server presented no certificate");
        }
        try {
            KeyStore leafOnly = KeyStore.getInstance("PKCS12");
            leafOnly.load(null, null);
            leafOnly.setCertificateEntry("peer", chain[0]);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(leafOnly);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) manager;
                }
            }
            throw new CertificateException("the JVM's PKIX trust manager factory has no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot check the server's host name: " + e.getMessage(), e);
        }
    }
}
