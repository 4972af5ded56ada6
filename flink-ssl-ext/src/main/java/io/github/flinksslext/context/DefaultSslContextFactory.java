package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.live.MaterialInUse;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.spi.SslContextFactory;
import io.github.flinksslext.spi.SslContextRequest;
import io.github.flinksslext.spi.TlsEndpoint;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The factory in force unless {@code security.ssl.context-factory} names another: builds contexts
 * from Flink's {@code security.ssl.*} options, checks them, validates them with an in-memory
 * handshake, and logs what it built.
 */
public final class DefaultSslContextFactory implements SslContextFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSslContextFactory.class);
    private static final Set<String> DESCRIBED = ConcurrentHashMap.newKeySet();

    @Override
    public SslContext createSslContext(SslContextRequest request) throws Exception {
        EndpointSettings settings =
                EndpointSettingsParser.parse(request.configuration(), request.endpoint())
                        .withProvider(request.provider());
        if (request.endpoint() == TlsEndpoint.REST) {
            settings = settings.withMutualAuthentication(request.clientAuth() != ClientAuth.NONE);
        }
        BuiltContext built = ContextBuilder.build(settings, request.side());
        InMemoryHandshake.Result validation = StartupValidation.validate(built);
        String description = ContextDescription.describe(built, validation);
        // Flink's clients build the same context many times (a REST client per request batch)
        if (DESCRIBED.add(description)) {
            LOG.info(description);
        } else {
            LOG.debug(description);
        }
        ProcessTls.get().materialInUse(request.endpoint(), request.side(), materialOf(built, Instant.now(), 0, 0));
        return built.context;
    }

    static MaterialInUse materialOf(BuiltContext built, Instant loadedAt, long rotations, long refused) {
        List<X509Certificate> own = built.keys == null || built.keys.entries().isEmpty()
                ? List.of() : Arrays.asList(built.keys.entries().get(0).chain());
        List<X509Certificate> trusted = built.trust == null ? List.of() : built.trust.anchors().certificates();
        return new MaterialInUse(own, trusted, loadedAt, rotations, refused);
    }
}
