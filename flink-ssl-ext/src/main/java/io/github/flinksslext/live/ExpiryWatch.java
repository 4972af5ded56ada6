package io.github.flinksslext.live;

import io.github.flinksslext.stores.Certificates;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Says when a certificate in use (own, in the own chain, or a trusted CA) expires soon: WARN within
 * the configured window, ERROR within {@link #ERROR_WITHIN}, when a context is built and once a day
 * while the process runs. Each certificate is said at most once per level in {@link #REPEAT_AFTER},
 * however many contexts Flink builds (its REST client builds one per request batch).
 */
public final class ExpiryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

    public static final Duration ERROR_WITHIN = Duration.ofDays(7);
    public static final Duration DEFAULT_WARN_WITHIN = Duration.ofDays(30);
    /** A little under a day, so the daily check says it again however the timer drifts. */
    static final Duration REPEAT_AFTER = Duration.ofHours(23);

    private final OncePerWindow said = new OncePerWindow(REPEAT_AFTER.toMillis(), 4096);
    private volatile Duration warnWithin = DEFAULT_WARN_WITHIN;
    private volatile String windowOption = "";
    private ScheduledExecutorService daily;

    ExpiryWatch() {}

    /**
     * Checks now and, the first time, starts the daily check.
     *
     * @param warnWithin the configured window; the last one given is used by the daily check
     * @param optionKey the option that set it, for the log line
     */
    public void checkNowAndDaily(Supplier<Map<EndpointSide, MaterialInUse>> inUse, Duration warnWithin, String optionKey) {
        this.warnWithin = warnWithin;
        this.windowOption = optionKey;
        check(inUse.get(), Instant.now());
        synchronized (this) {
            if (daily == null) {
                daily = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "flink-ssl-ext certificate expiry check");
                    thread.setDaemon(true);
                    return thread;
                });
                daily.scheduleAtFixedRate(() -> {
                    try {
                        check(inUse.get(), Instant.now());
                    } catch (RuntimeException e) {
                        LOG.warn("The daily certificate expiry check failed", e);
                    }
                }, 1, 1, TimeUnit.DAYS);
            }
        }
    }

    /** Logs every certificate in use that expires within the window, once per level and certificate in a day. */
    void check(Map<EndpointSide, MaterialInUse> inUse, Instant now) {
        Duration window = warnWithin;
        for (Map.Entry<X509Certificate, List<String>> entry : usesByCertificate(inUse).entrySet()) {
            X509Certificate cert = entry.getKey();
            Instant notAfter = cert.getNotAfter().toInstant();
            Duration left = Duration.between(now, notAfter);
            boolean error = left.compareTo(ERROR_WITHIN) <= 0;
            if (!error && left.compareTo(window) > 0) {
                continue;
            }
            String key = Certificates.hex(Certificates.sha256(cert)) + (error ? " error" : " warn");
            long suppressed = said.tryAcquire(key, now.toEpochMilli());
            if (suppressed < 0) {
                continue;
            }
            String when = left.isNegative() ? "expired " + inWords(left.negated()) + " ago, at " + notAfter
                    : "expires in " + inWords(left) + ", at " + notAfter;
            String message = "TLS certificate '" + Certificates.subject(cert) + "' (SHA-256 "
                    + Certificates.hex(Certificates.sha256(cert)) + ") " + when + "; in use as "
                    + String.join(", ", entry.getValue()) + ". Peers refuse an expired certificate: renew it and"
                    + " replace the store. (WARN from " + inWords(window) + " before, set by '" + windowOption
                    + "'; ERROR from " + inWords(ERROR_WITHIN) + " before.)";
            if (error) {
                LOG.error(message);
            } else {
                LOG.warn(message);
            }
        }
    }

    /** Each certificate once, with every use: "internal server own certificate", "rest client trusted CA", ... */
    private static Map<X509Certificate, List<String>> usesByCertificate(Map<EndpointSide, MaterialInUse> inUse) {
        Map<X509Certificate, List<String>> uses = new LinkedHashMap<>();
        inUse.forEach((where, material) -> {
            List<X509Certificate> chain = material.ownChain();
            for (int i = 0; i < chain.size(); i++) {
                add(uses, chain.get(i), where + (i == 0 ? " own certificate" : " own chain CA"));
            }
            for (X509Certificate trusted : material.trusted()) {
                add(uses, trusted, where + " trusted CA");
            }
        });
        return uses;
    }

    private static void add(Map<X509Certificate, List<String>> uses, X509Certificate cert, String use) {
        List<String> list = uses.computeIfAbsent(cert, k -> new ArrayList<>());
        if (!list.contains(use)) {
            list.add(use);
        }
    }

    /** "9 days 23 hours", "3 hours 5 minutes", "30 days". */
    static String inWords(Duration duration) {
        long days = duration.toDays();
        long hours = duration.minusDays(days).toHours();
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + (hours == 1 ? " hour" : " hours") : "");
        }
        long minutes = duration.minusHours(duration.toHours()).toMinutes();
        return duration.toHours() + " hours " + minutes + " minutes";
    }
}
