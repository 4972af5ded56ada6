package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.engine.KeyExchangeGroups;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.engine.TlsParameters;
import io.github.flinksslext.engine.TlsParametersSelector;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;
import io.github.flinksslext.stores.KeyEntry;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.OwnCertificateValidity;
import io.github.flinksslext.stores.TrustMaterial;
import io.github.flinksslext.trust.SingleTrustManagerFactory;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Settings, then stores, then checks, then the Netty context: one side of one endpoint. */
final class ContextBuilder {

    /** For servers that do not authenticate clients: no CA names, and a refusal should one ever be asked. */
    private static final TrustManagerFactory NO_CLIENT_CERTIFICATES = new SingleTrustManagerFactory(new NoClientCertificates());

    private ContextBuilder() {}

    static BuiltContext build(EndpointSettings settings, TlsSide side) throws SSLException {
        return build(settings, side, false);
    }

    /**
     * For startup validation of REST contexts: the same keys, protocols and suites, but trusting
     * any peer. Whom REST trusts depends on the other process's configuration, not on this one.
     */
    static BuiltContext buildTrustingAnyPeer(EndpointSettings settings, TlsSide side) throws SSLException {
        return build(settings, side, true);
    }

    private static BuiltContext build(EndpointSettings settings, TlsSide side, boolean trustAnyPeer) throws SSLException {
        if (settings.provider() != SslProvider.JDK) {
            OpenSslSupport.requireAvailable();
        }
        boolean internal = settings.endpoint() == TlsEndpoint.INTERNAL;
        boolean server = side == TlsSide.SERVER;
        boolean presentsCertificate = internal || server || settings.mutualAuthentication();
        boolean verifiesPeer = internal || !server || settings.mutualAuthentication();

        KeyMaterial keys = presentsCertificate ? ProcessTls.get().keyMaterial(requireKeyStore(settings, side), settings.provider()) : null;
        TrustMaterial trust = verifiesPeer ? trustMaterial(settings, side) : null;
        if (keys != null) {
            OwnCertificateValidity.check(keys, trust, new Date());
        }
        boolean verifyHostname = !server && !internal && settings.verifyHostname();
        PeerTrust peerTrust = !verifiesPeer ? PeerTrust.NONE
                : trustAnyPeer ? PeerTrust.ANY
                : PeerTrust.of(settings, trust, verifyHostname);
        if (internal && !trustAnyPeer) {
            OwnCertificateTrust.check(keys, trust, peerTrust);
        }
        TlsParameters parameters =
                TlsParametersSelector.select(
                        settings,
                        keys != null && (server || internal) ? keyAlgorithms(keys) : Collections.emptySet(),
                        keys != null ? keys.location().pathKey() : null);

        SslContextBuilder builder =
                server ? SslContextBuilder.forServer(keys.keyManagerFactory()) : SslContextBuilder.forClient();
        if (!server && keys != null) {
            builder.keyManager(keys.keyManagerFactory());
        }
        if (peerTrust.factory() != null) {
            builder.trustManager(peerTrust.factory());
        } else if (server) {
            // Netty would load the JVM's default CAs and hand BoringSSL their names as acceptable
            // client CAs; a server that asks for no client certificate needs none of them
            builder.trustManager(NO_CLIENT_CERTIFICATES);
        }
        builder.sslProvider(settings.provider())
                .protocols(parameters.protocolArray())
                .ciphers(parameters.cipherSuites());
        if (server) {
            builder.clientAuth(settings.mutualAuthentication() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        }
        if (settings.sessionCacheSize() >= 0) {
            builder.sessionCacheSize(settings.sessionCacheSize());
        }
        if (settings.sessionTimeoutMs() >= 0) {
            // Netty counts seconds and reads 0 as "default": truncate as Flink does, but keep 1-999 ms at 1 s.
            long seconds = settings.sessionTimeoutMs() / 1000L;
            builder.sessionTimeout(settings.sessionTimeoutMs() > 0 && seconds == 0 ? 1 : seconds);
        }
        if (!server) {
            // the trust manager checks host names, against the host connected to; never the engine itself
            NettyCompat.withoutEndpointIdentification(builder);
        }
        boolean refuseRenegotiation = server && settings.provider() == SslProvider.JDK; // BoringSSL refuses by itself
        return new BuiltContext(settings, side, KeyExchangeGroups.applyTo(builder.build(), settings, parameters),
                verifyHostname, refuseRenegotiation, keys, trust, peerTrust, parameters, null);
    }

    /** The own certificate's dates and its CA's, at this moment, as {@link #build} checks them. */
    static void checkDates(BuiltContext built) {
        if (built.keys != null) {
            OwnCertificateValidity.check(built.keys, built.trust, new Date());
        }
    }

    private static StoreLocation requireKeyStore(EndpointSettings settings, TlsSide side) {
        return settings.keyStore().orElseThrow(() -> {
            String why;
            if (settings.endpoint() == TlsEndpoint.INTERNAL) {
                why = "internal TLS is mutual: every process needs a keystore with its own key and certificate";
            } else if (side == TlsSide.SERVER) {
                why = "the REST server needs a keystore with its key and certificate";
            } else {
                why = "with REST authentication enabled the REST client presents a certificate from a keystore";
            }
            return new SslConfigurationException(
                    settings.options().keystore.key(),
                    "no keystore is set; " + why,
                    "set " + settings.options().keystore.keysForMessage() + " and its password");
        });
    }

    /**
     * Internal TLS and a REST server that authenticates clients need a truststore; a REST client
     * may fall back to the JVM's default CAs for the server (Flink's rule).
     */
    private static TrustMaterial trustMaterial(EndpointSettings settings, TlsSide side) {
        if (!settings.trustStore().isPresent()) {
            String why;
            if (settings.endpoint() == TlsEndpoint.INTERNAL) {
                why = "internal TLS is mutual and every process checks its peers against one";
            } else if (side == TlsSide.SERVER) {
                why = "with REST authentication enabled the REST server checks client certificates, and without a"
                        + " truststore of its own it would accept client certificates from any CA the JVM trusts";
            } else {
                return null;
            }
            throw new SslConfigurationException(
                    settings.options().truststore.key(),
                    "no truststore is set; " + why,
                    "set " + settings.options().truststore.keysForMessage() + " and its password");
        }
        return ProcessTls.get().trustMaterial(settings.trustStore().get());
    }

    private static final class NoClientCertificates extends X509ExtendedTrustManager {
        private static CertificateException refused() {
            return new CertificateException("this server does not authenticate clients and accepts no client certificate");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refused();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static Set<String> keyAlgorithms(KeyMaterial keys) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (KeyEntry entry : keys.entries()) {
            algorithms.add(entry.keyAlgorithm());
        }
        return algorithms;
    }
}
