package io.github.flinksslext.engine;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.trust.PeerText;

import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Key-exchange groups on BoringSSL through tcnative, the same way on Netty 4.1.91 (Flink 1.20),
 * 4.1.100 (2.0 to 2.2) and 4.2.6 (2.3): only 4.2 has a builder option for groups. tcnative's
 * {@code SSLContext.setCurvesList} takes tcnative's own context handle, the protected field
 * {@code ReferenceCountedOpenSslContext.ctx} in all three, not the {@code SSL_CTX} that the public
 * {@code sslCtxPointer()} returns (passing that crashes the JVM). {@code SSL.getGroupName} takes the
 * engine's {@code SSL} pointer, which {@code sslPointer()} returns.
 */
final class OpenSslGroups {

    private static final Field CTX = contextHandle();
    private static Set<String> supported;

    private OpenSslGroups() {}

    private static Field contextHandle() {
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The jar's candidate groups that this BoringSSL knows, asked once of a throwaway context. */
    static synchronized Set<String> supported() {
        if (supported == null) {
            SslContext probe = null;
            try {
                probe = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL_REFCNT).build();
                long ctx = handle(probe, "the default");
                Set<String> known = new LinkedHashSet<>();
                for (String group : KeyExchangeGroups.CANDIDATES) {
                    if (SSLContext.setCurvesList(ctx, group)) {
                        known.add(group);
                    }
                }
                supported = Collections.unmodifiableSet(known);
            } catch (SSLException e) {
                throw new IllegalStateException("cannot create an OPENSSL TLS context", e);
            } finally {
                ReferenceCountUtil.release(probe);
            }
        }
        return supported;
    }

    /** Sets the groups on a freshly built context, before it makes an engine; a JDK context is left alone. */
    static SslContext apply(SslContext context, List<String> groups, String optionKey) {
        if (groups.isEmpty() || !(context instanceof ReferenceCountedOpenSslContext)) {
            return context;
        }
        long ctx = handle(context, optionKey);
        if (!SSLContext.setCurvesList(ctx, groups.toArray(new String[0]))) {
            // names were checked against this engine: only a changed BoringSSL gets here
            throw new SslConfigurationException(optionKey, "BoringSSL refused the key-exchange groups " + groups,
                    "list groups from " + supported() + ", or remove the option");
        }
        return context;
    }

    private static long handle(SslContext context, String optionKey) {
        try {
            if (CTX == null) {
                throw new IllegalAccessException("no field ReferenceCountedOpenSslContext.ctx");
            }
            return CTX.getLong(context);
        } catch (IllegalAccessException e) {
            throw new SslConfigurationException(optionKey,
                    "this Flink's shaded Netty does not let the jar set key-exchange groups on OPENSSL (" + e.getMessage() + ")",
                    "run a Flink version the jar supports (1.20.x to 2.3.x), or set 'security.ssl.provider: JDK'", e);
        }
    }

    /**
     * The group the engine's handshake settled on, in BoringSSL's name; empty for a JDK engine, before
     * the server has chosen, or once the engine is freed. Netty frees the native object in
     * {@code shutdown()}, synchronized on the engine: holding that lock keeps the pointer valid while
     * it is read. The handshake runs under the same lock, so a trust manager may call this mid-handshake.
     */
    static Optional<String> negotiated(SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine)) {
            return Optional.empty();
        }
        synchronized (engine) {
            long ssl = ((ReferenceCountedOpenSslEngine) engine).sslPointer();
            if (ssl == 0) {
                return Optional.empty();
            }
            try {
                String name = SSL.getGroupName(ssl);
                return name == null || name.isEmpty() ? Optional.empty() : Optional.of(PeerText.escape(name));
            } catch (Exception e) {
                return Optional.empty(); // no group (yet): tcnative throws rather than return null
            }
        }
    }
}
