package io.github.flinksslext.context;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A JDK {@link SSLContext} whose key and trust managers ask, at each handshake, for the material
 * in use: Flink's blob server creates its {@code SSLServerSocket} once, so a swapped context would
 * never reach it. Protocols and suites are set on the sockets by the caller.
 */
final class LiveJdkContext {

    private LiveJdkContext() {}

    static SSLContext over(Supplier<BuiltContext> inUse) {
        BuiltContext built = inUse.get();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    built.keys == null ? null : new KeyManager[] {new LiveKeyManager(inUse)},
                    built.peerTrust.factory() == null ? null : new TrustManager[] {trustManager(built, inUse)},
                    null);
            sessionSettings(context.getServerSessionContext(), built);
            sessionSettings(context.getClientSessionContext(), built);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM cannot create a TLS context", e);
        }
    }

    /**
     * Trust that follows the truststore files; pin-only trust comes from the configuration alone,
     * so its plain manager is handed over as it is, for the JDK to add its own checks around it.
     */
    private static TrustManager trustManager(BuiltContext built, Supplier<BuiltContext> inUse) {
        X509TrustManager manager = built.peerTrust.manager();
        return manager instanceof X509ExtendedTrustManager ? new LiveTrustManager(inUse) : manager;
    }

    private static void sessionSettings(SSLSessionContext sessions, BuiltContext built) {
        if (built.settings.sessionCacheSize() >= 0) {
            sessions.setSessionCacheSize(built.settings.sessionCacheSize());
        }
        if (built.settings.sessionTimeoutMs() >= 0) {
            long seconds = built.settings.sessionTimeoutMs() / 1000L;
            sessions.setSessionTimeout((int) (built.settings.sessionTimeoutMs() > 0 && seconds == 0 ? 1 : seconds));
        }
    }

    /**
     * Aliases carry the material they came from, so that a handshake that chose its alias just
     * before a rotation gets the key and chain of one and the same material.
     */
    private static final class LiveKeyManager extends X509ExtendedKeyManager {

        private final Supplier<BuiltContext> inUse;
        /** The material in use and the one before it, swapped as one, for handshakes that began before a rotation. */
        private final AtomicReference<BuiltContext[]> lastTwo = new AtomicReference<>(new BuiltContext[2]);

        LiveKeyManager(Supplier<BuiltContext> inUse) {
            this.inUse = inUse;
        }

        private BuiltContext now() {
            BuiltContext current = inUse.get();
            BuiltContext[] known = lastTwo.get();
            while (known[0] != current && !lastTwo.compareAndSet(known, new BuiltContext[] {current, known[0]})) {
                known = lastTwo.get();
            }
            return current;
        }

        private static X509KeyManager manager(BuiltContext built) {
            return (X509KeyManager) built.keys.keyManagerFactory().getKeyManagers()[0];
        }

        private String tag(BuiltContext built, String alias) {
            return alias == null ? null : Integer.toHexString(System.identityHashCode(built)) + ":" + alias;
        }

        /** The material and the store's own alias a tagged alias stands for. */
        private Object[] untag(String tagged) {
            int colon = tagged == null ? -1 : tagged.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String generation = tagged.substring(0, colon);
            for (BuiltContext built : lastTwo.get()) {
                if (built != null && Integer.toHexString(System.identityHashCode(built)).equals(generation)) {
                    return new Object[] {built, tagged.substring(colon + 1)};
                }
            }
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            BuiltContext built = now();
            X509KeyManager manager = manager(built);
            return tag(built, manager instanceof X509ExtendedKeyManager
                    ? ((X509ExtendedKeyManager) manager).chooseEngineServerAlias(keyType, issuers, engine)
                    : manager.chooseServerAlias(keyType, issuers, null));
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            BuiltContext built = now();
            X509KeyManager manager = manager(built);
            return tag(built, manager instanceof X509ExtendedKeyManager
                    ? ((X509ExtendedKeyManager) manager).chooseEngineClientAlias(keyType, issuers, engine)
                    : manager.chooseClientAlias(keyType, issuers, null));
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            BuiltContext built = now();
            return tag(built, manager(built).chooseServerAlias(keyType, issuers, socket));
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            BuiltContext built = now();
            return tag(built, manager(built).chooseClientAlias(keyType, issuers, socket));
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Object[] found = untag(alias);
            return found == null ? null : manager((BuiltContext) found[0]).getCertificateChain((String) found[1]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Object[] found = untag(alias);
            return found == null ? null : manager((BuiltContext) found[0]).getPrivateKey((String) found[1]);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return tagAll(keyType, issuers, true);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return tagAll(keyType, issuers, false);
        }

        private String[] tagAll(String keyType, Principal[] issuers, boolean client) {
            BuiltContext built = now();
            String[] aliases = client
                    ? manager(built).getClientAliases(keyType, issuers)
                    : manager(built).getServerAliases(keyType, issuers);
            if (aliases == null) {
                return null;
            }
            String[] tagged = new String[aliases.length];
            for (int i = 0; i < aliases.length; i++) {
                tagged[i] = tag(built, aliases[i]);
            }
            return tagged;
        }
    }

    /** Checks each peer with the trust in use when its certificate arrives (always an extended manager). */
    private static final class LiveTrustManager extends X509ExtendedTrustManager {

        private final Supplier<BuiltContext> inUse;

        LiveTrustManager(Supplier<BuiltContext> inUse) {
            this.inUse = inUse;
        }

        private X509ExtendedTrustManager manager() {
            return (X509ExtendedTrustManager) inUse.get().peerTrust.manager();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            manager().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            manager().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            manager().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            manager().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            manager().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            manager().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return manager().getAcceptedIssuers();
        }
    }
}
