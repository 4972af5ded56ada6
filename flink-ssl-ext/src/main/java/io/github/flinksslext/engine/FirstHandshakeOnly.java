package io.github.flinksslext.engine;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;

/**
 * Refuses every handshake on a JDK server engine after its first, which is what a TLS 1.2 client's
 * renegotiation asks for: each one makes the server do a full handshake's work again, unauthenticated
 * and unlimited (BoringSSL refuses them by itself). The JDK's only switch for this is a JVM-wide
 * system property this jar does not own; but the JDK asks an engine's own algorithm constraints
 * when each handshake starts, on top of its default ones (jdk.tls.disabledAlgorithms and
 * jdk.certpath.disabledAlgorithms, which stay in force). These add nothing during the engine's first
 * handshake and refuse everything in any later one: a renegotiation finds no protocol it may use
 * and fails with a fatal alert, which closes the connection. TLS 1.3 has no renegotiation.
 */
public final class FirstHandshakeOnly implements AlgorithmConstraints {

    /** The cipher suite of a JDK engine's session before its first handshake has finished. */
    private static final String NO_SESSION = "SSL_NULL_WITH_NULL_NULL";

    private final SSLEngine engine;

    private FirstHandshakeOnly(SSLEngine engine) {
        this.engine = engine;
    }

    /**
     * For a JDK server engine of the jar's, before its first handshake. Replaces the engine's
     * constraints, which are the JDK's defaults: Netty and the jar set none of their own.
     */
    public static void applyTo(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setAlgorithmConstraints(new FirstHandshakeOnly(engine));
        engine.setSSLParameters(parameters);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        return !laterHandshake();
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return !laterHandshake();
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return !laterHandshake();
    }

    /**
     * A handshake other than the first: the engine has an established session that is not the one
     * being negotiated (a TLS 1.3 server installs its session before it checks the client's
     * certificate, so the first handshake may see its own session established). When the JDK
     * decides which protocols a new handshake may use, it has no handshake session yet.
     */
    private boolean laterHandshake() {
        SSLSession session = engine.getSession();
        return !NO_SESSION.equals(session.getCipherSuite()) && engine.getHandshakeSession() != session;
    }
}
