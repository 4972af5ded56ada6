package io.github.flinksslext.context;

import io.github.flinksslext.config.EndpointSettings;
import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.ReloadSettings;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.live.Reloadable;
import io.github.flinksslext.spi.SslContextFactory;
import io.github.flinksslext.spi.SslContextRequest;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The factory in force unless {@code security.ssl.context-factory} names another: builds contexts
 * from Flink's {@code security.ssl.*} options, checks them, validates them with an in-memory
 * handshake, and logs what it built. Each configuration and side is built once per process and
 * then follows its files: a renewed certificate that passes the same checks is used for new
 * connections (see {@link MaterialRotation}).
 */
public final class DefaultSslContextFactory implements SslContextFactory {

    @Override
    public SslContext createSslContext(SslContextRequest request) throws Exception {
        EndpointSettings settings =
                EndpointSettingsParser.parse(request.configuration(), request.endpoint())
                        .withProvider(request.provider());
        if (request.endpoint() == TlsEndpoint.REST) {
            settings = settings.withMutualAuthentication(request.clientAuth() != ClientAuth.NONE);
        }
        ReloadSettings reload = ReloadSettings.parse(request.configuration());
        TlsSide side = request.side();
        EndpointSettings key = settings;
        Reloadable<BuiltContext> live = ProcessTls.get().reloadable(
                List.of(settings, side),
                filesOf(settings),
                () -> buildChecked(key, side),
                new MaterialRotation(),
                reload.enabled() ? reload.interval() : null);
        return new EndpointSslContext(live::current);
    }

    /**
     * Every check the process runs at startup; the same at each rotation. The files are stamped
     * before and after: material read while they changed is built again, so neither a half-written
     * update nor a validation remembered for other content is ever put in use.
     */
    private static BuiltContext buildChecked(EndpointSettings settings, TlsSide side) throws Exception {
        for (int attempt = 1; ; attempt++) {
            List<String> before = StartupValidation.stamps(settings);
            BuiltContext built = StartupValidation.takeCounterpart(settings, side, before);
            if (built != null) {
                // built for the other side's startup handshake, maybe a while ago: the dates again, now
                ContextBuilder.checkDates(built);
            } else {
                built = ContextBuilder.build(settings, side);
            }
            InMemoryHandshake.Result validation = StartupValidation.validate(built, before);
            if (StartupValidation.stamps(settings).equals(before)) {
                return built.describedAs(ContextDescription.describe(built, validation));
            }
            if (attempt == 3) {
                throw new SslConfigurationException(
                        settings.keyStore().map(StoreLocation::pathKey).orElse(settings.options().truststore.key()),
                        "the store files changed each time they were read",
                        "write renewed files atomically (a rename, or Kubernetes' ..data swap); they are read again"
                                + " when they change");
            }
        }
    }

    private static List<Path> filesOf(EndpointSettings settings) {
        List<Path> files = new ArrayList<>();
        settings.keyStore().map(StoreLocation::path).ifPresent(files::add);
        settings.trustStore().map(StoreLocation::path).ifPresent(files::add);
        return files;
    }
}
