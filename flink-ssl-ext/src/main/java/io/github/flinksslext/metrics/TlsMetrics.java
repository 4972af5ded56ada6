package io.github.flinksslext.metrics;

import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.config.ValueParsers;
import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import org.apache.flink.configuration.Configuration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the process shows of its TLS once an endpoint side has a context: its MBean on the platform
 * MBean server, and the certificate expiry check. Idempotent: the MBean server itself remembers
 * what is registered (Flink builds contexts repeatedly, its REST client one per request batch).
 *
 * <p>MBeans are registered on a background thread, in the order asked for. In a fresh JVM the
 * platform MBean server does not exist yet, and creating it (it registers the JVM's own MXBeans
 * first) took 75 to 150 ms of a process's first {@code SSLUtils} call, a third of the time Flink's
 * own {@code SSLUtils} needs for the whole call. Nothing at startup waits for the MBeans.
 */
public final class TlsMetrics {

    /** The JMX domain of every MBean of the jar. */
    public static final String DOMAIN = "io.github.flinksslext";

    private static final Logger LOG = LoggerFactory.getLogger(TlsMetrics.class);

    /** One thread at most, gone when idle: registrations are rare and cheap once the server exists. */
    private static final ExecutorService REGISTRATIONS = new ThreadPoolExecutor(
            0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "flink-ssl-ext MBean registration");
                thread.setDaemon(true);
                return thread;
            });

    private TlsMetrics() {}

    /** Called after each context the hook hands to Flink. */
    public static void contextCreated(Configuration config, TlsEndpoint endpoint, TlsSide side) {
        Duration warnWithin = ValueParsers.parseDuration(SslOptions.EXPIRY_WARNING_WINDOW.lookupOrDefault(config).get());
        ProcessTls process = ProcessTls.get();
        EndpointSide where = new EndpointSide(endpoint, side);
        REGISTRATIONS.execute(() -> register(process, where));
        process.expiryWatch().checkNowAndDaily(process::materialsInUse, warnWithin, SslOptions.EXPIRY_WARNING_WINDOW.key());
    }

    /**
     * Done when every MBean asked for before this call is registered (or its failure logged). For
     * readers in the same JVM that must see an endpoint's MBean right after its first context.
     */
    public static CompletableFuture<Void> registered() {
        return CompletableFuture.runAsync(() -> {}, REGISTRATIONS);
    }

    /** {@code io.github.flinksslext:type=TlsEndpoint,endpoint=internal,side=server} and so on. */
    public static ObjectName name(TlsEndpoint endpoint, TlsSide side) {
        try {
            return new ObjectName(DOMAIN + ":type=TlsEndpoint,endpoint=" + endpoint.name().toLowerCase(Locale.ROOT)
                    + ",side=" + side.name().toLowerCase(Locale.ROOT));
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void register(ProcessTls process, EndpointSide where) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(where.endpoint(), where.side());
        if (server.isRegistered(name)) {
            return;
        }
        try {
            server.registerMBean(new TlsEndpointMetrics(process, where), name);
        } catch (InstanceAlreadyExistsException e) {
            // another thread registered it first: the same reader of the same state
        } catch (JMException | RuntimeException e) {
            LOG.warn("Could not register the TLS MBean {}; TLS works, its metrics are missing", name, e);
        }
    }
}
