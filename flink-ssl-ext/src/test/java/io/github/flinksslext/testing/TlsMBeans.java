package io.github.flinksslext.testing;

import io.github.flinksslext.metrics.TlsMetrics;

import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Reads the jar's TLS MBeans over the platform MBean server, as a JMX client would, once the
 * registrations asked for so far are done (the jar registers its MBeans in the background).
 */
public final class TlsMBeans {

    private TlsMBeans() {}

    /** @param endpoint "internal" or "rest"; @param side "server" or "client" */
    public static Object read(String endpoint, String side, String attribute) throws Exception {
        ObjectName name = new ObjectName("io.github.flinksslext:type=TlsEndpoint,endpoint=" + endpoint + ",side=" + side);
        TlsMetrics.registered().get(30, TimeUnit.SECONDS);
        return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
    }

    /** A counter, or 0 when the endpoint side has no MBean yet. */
    public static long count(String endpoint, String side, String attribute) throws Exception {
        ObjectName name = new ObjectName("io.github.flinksslext:type=TlsEndpoint,endpoint=" + endpoint + ",side=" + side);
        TlsMetrics.registered().get(30, TimeUnit.SECONDS);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            return 0;
        }
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
    }
}
