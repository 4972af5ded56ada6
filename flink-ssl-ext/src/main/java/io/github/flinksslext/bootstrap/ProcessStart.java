package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.TlsEnablement;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.stores.pem.PemProvider;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must happen in a Flink process before any plane starts: remember the configuration for RPC
 * trust, make the bundled BoringSSL usable, and in a JobManager or TaskManager check what Flink's
 * RPC layer will be given, which starts before the first {@code SSLUtils} call. Silent where TLS is
 * off; cheap, since Flink may run it more than once.
 */
public final class ProcessStart {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessStart.class);

    private ProcessStart() {}

    static void run(Configuration config) {
        run(config, ProcessRole.ofCaller());
    }

    /** With the role given, not read from the call stack: for the start-up benchmark. */
    public static void run(Configuration config, ProcessRole role) {
        ProcessConfiguration.remember(config);
        boolean internal = TlsEnablement.isInternalEnabled(config);
        if (!internal && !TlsEnablement.isRestEnabled(config)) {
            return;
        }
        PemProvider.install(); // before anything, Pekko included, asks for a PEM store
        if (EndpointSettingsParser.parseProvider(SslOptions.PROVIDER.lookupOrDefault(config).get()) != SslProvider.JDK) {
            // loads BoringSSL before anything else asks Netty for it; a cluster process must have it
            boolean available = OpenSslSupport.isAvailable();
            if (role == ProcessRole.CLUSTER_COMPONENT && !available) {
                OpenSslSupport.requireAvailable();
            }
        }
        if (role != ProcessRole.CLUSTER_COMPONENT || !internal) {
            return;
        }
        if (!config.get(RpcOptions.SSL_ENABLED)) {
            LOG.warn("'{}' is true but '{}' is false: Flink's RPC layer (Pekko) talks in PLAINTEXT between the"
                            + " JobManager and TaskManagers; only the data plane and blob server use TLS. Remove '{}'"
                            + " to encrypt and authenticate RPC too.",
                    SslOptions.INTERNAL_ENABLED.key(), RpcOptions.SSL_ENABLED.key(), RpcOptions.SSL_ENABLED.key());
            return;
        }
        PekkoTlsSettings pekko = PekkoTlsSettings.check(config);
        // Pekko reads the same file next and keeps what it read until the process stops
        if (pekko.certificate() != null) {
            ProcessTls.get().rpcStartsWith(pekko.certificate());
        }
        LOG.info("Flink's RPC layer (Pekko) will use {} with {} (JDK engine); its peers are verified by flink-ssl-ext:"
                        + " chain against '{}'{}.",
                pekko.protocol(), pekko.suites(), SslOptions.INTERNAL_TRUSTSTORE.key(),
                SslOptions.INTERNAL_CERT_FINGERPRINT.lookup(config).isPresent()
                        ? " and pins of '" + SslOptions.INTERNAL_CERT_FINGERPRINT.key() + "'"
                                + (ProcessConfiguration.internalPinOnly() ? " ONLY (pin-only)" : "")
                        : "");
    }
}
