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

/**
 * What the process shows of its TLS once an endpoint side has a context: its MBean on the platform
 * MBean server, and the certificate expiry check. Idempotent: the MBean server itself remembers
 * what is registered (Flink builds contexts repeatedly, its REST client one per request batch).
 */
public final class TlsMetrics {

    /** The JMX domain of every MBean of the jar. */
    public static final String DOMAIN = "io.github.flinksslext";

    private static final Logger LOG = LoggerFactory.getLogger(TlsMetrics.class);

    private TlsMetrics() {}

    /** Called after each context the hook hands to Flink. */
    public static void contextCreated(Configuration config, TlsEndpoint endpoint, TlsSide side) {
        Duration warnWithin = ValueParsers.parseDuration(SslOptions.EXPIRY_WARNING_WINDOW.lookupOrDefault(config).get());
        register(ProcessTls.get(), new EndpointSide(endpoint, side));
        ProcessTls process = ProcessTls.get();
        process.expiryWatch().checkNowAndDaily(process::materialsInUse, warnWithin, SslOptions.EXPIRY_WARNING_WINDOW.key());
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
