package io.github.flinksslext.engine;

import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The protocols and cipher suites an engine supports here, read from a real engine of that
 * provider (for the JDK this already excludes what {@code jdk.tls.disabledAlgorithms} forbids).
 */
public final class EngineCapabilities {

    private static final Map<SslProvider, EngineCapabilities> CACHE = new EnumMap<>(SslProvider.class);

    private final SslProvider provider;
    private final Set<String> protocols;
    private final Set<String> permittedProtocols;
    private final Set<String> cipherSuites;
    private final Set<String> permittedCipherSuites;

    private EngineCapabilities(
            SslProvider provider,
            Set<String> protocols,
            Set<String> permittedProtocols,
            Set<String> cipherSuites,
            Set<String> permittedCipherSuites) {
        this.provider = provider;
        this.protocols = protocols;
        this.permittedProtocols = permittedProtocols;
        this.cipherSuites = cipherSuites;
        this.permittedCipherSuites = permittedCipherSuites;
    }

    public static synchronized EngineCapabilities of(SslProvider provider) {
        EngineCapabilities known = CACHE.get(provider);
        if (known == null) {
            known = probe(provider);
            CACHE.put(provider, known);
        }
        return known;
    }

    private static EngineCapabilities probe(SslProvider provider) {
        if (provider == SslProvider.JDK) {
            return probeJdk();
        }
        OpenSslSupport.requireAvailable();
        SSLEngine engine = null;
        try {
            SslContext context = SslContextBuilder.forClient().sslProvider(provider).build();
            engine = context.newEngine(ByteBufAllocator.DEFAULT);
            Set<String> protocols = supportedProtocols(engine);
            Set<String> suites = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(engine.getSupportedCipherSuites())));
            return new EngineCapabilities(provider, protocols, protocols, suites, suites);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create a " + provider + " TLS engine", e);
        } finally {
            ReferenceCountUtil.release(engine);
        }
    }

    /**
     * The JDK's engine and what it enables by default, from one context with empty key and trust
     * managers: a broken JVM-wide default keystore or truststore cannot get in the way, and the
     * JDK's cacerts, which no Flink endpoint uses, is not read (the early hook asks this first
     * thing in every process, a cold read costs tens of milliseconds).
     */
    private static EngineCapabilities probeJdk() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            SSLEngine engine = context.createSSLEngine();
            Set<String> protocols = supportedProtocols(engine);
            Set<String> suites = new LinkedHashSet<>(Arrays.asList(engine.getSupportedCipherSuites()));
            SSLParameters defaults = context.getDefaultSSLParameters();
            return new EngineCapabilities(
                    SslProvider.JDK,
                    protocols,
                    Collections.unmodifiableSet(retained(defaults.getProtocols(), protocols)),
                    Collections.unmodifiableSet(suites),
                    Collections.unmodifiableSet(retained(defaults.getCipherSuites(), suites)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a JDK TLS engine", e);
        }
    }

    private static Set<String> supportedProtocols(SSLEngine engine) {
        Set<String> protocols = new LinkedHashSet<>(Arrays.asList(engine.getSupportedProtocols()));
        protocols.remove("SSLv2Hello"); // a hello format, not a protocol one can choose alone
        return Collections.unmodifiableSet(protocols);
    }

    private static Set<String> retained(String[] enabled, Set<String> supported) {
        Set<String> kept = new LinkedHashSet<>(Arrays.asList(enabled));
        kept.retainAll(supported);
        return kept;
    }

    public SslProvider provider() {
        return provider;
    }

    public Set<String> protocols() {
        return protocols;
    }

    /** Supported and not disabled by the JVM's security policy. */
    public Set<String> permittedProtocols() {
        return permittedProtocols;
    }

    public Set<String> cipherSuites() {
        return cipherSuites;
    }

    /** Supported and not disabled by the JVM's security policy (jdk.tls.disabledAlgorithms). */
    public Set<String> permittedCipherSuites() {
        return permittedCipherSuites;
    }

    public boolean supportsProtocol(String protocol) {
        return protocols.contains(protocol);
    }

    public boolean supportsCipherSuite(String suite) {
        return cipherSuites.contains(suite);
    }
}
