package io.github.flinksslext.engine;

import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
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

    private EngineCapabilities(
            SslProvider provider, Set<String> protocols, Set<String> permittedProtocols, Set<String> cipherSuites) {
        this.provider = provider;
        this.protocols = protocols;
        this.permittedProtocols = permittedProtocols;
        this.cipherSuites = cipherSuites;
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
        if (provider != SslProvider.JDK) {
            OpenSslSupport.requireAvailable();
        }
        SSLEngine engine = null;
        try {
            SslContext context = SslContextBuilder.forClient().sslProvider(provider).build();
            engine = context.newEngine(ByteBufAllocator.DEFAULT);
            Set<String> protocols = new LinkedHashSet<>(Arrays.asList(engine.getSupportedProtocols()));
            protocols.remove("SSLv2Hello"); // a hello format, not a protocol one can choose alone
            return new EngineCapabilities(
                    provider,
                    Collections.unmodifiableSet(protocols),
                    Collections.unmodifiableSet(permittedProtocols(provider, protocols)),
                    Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(engine.getSupportedCipherSuites()))));
        } catch (SSLException | NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("cannot create a " + provider + " TLS engine", e);
        } finally {
            ReferenceCountUtil.release(engine);
        }
    }

    /**
     * The JDK supports protocols its security policy disables; its default-enabled protocols are
     * the supported ones minus those. BoringSSL's are all usable. Read from a TLS context of our
     * own, given empty key and trust managers: the JVM's default context would load
     * javax.net.ssl.keyStore, which may be broken and has nothing to do with Flink.
     */
    private static Set<String> permittedProtocols(SslProvider provider, Set<String> supported)
            throws NoSuchAlgorithmException, KeyManagementException {
        if (provider != SslProvider.JDK) {
            return supported;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[0], new TrustManager[0], null);
        Set<String> enabled = new LinkedHashSet<>(Arrays.asList(context.getDefaultSSLParameters().getProtocols()));
        enabled.retainAll(supported);
        return enabled;
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

    public boolean supportsProtocol(String protocol) {
        return protocols.contains(protocol);
    }

    public boolean supportsCipherSuite(String suite) {
        return cipherSuites.contains(suite);
    }
}
