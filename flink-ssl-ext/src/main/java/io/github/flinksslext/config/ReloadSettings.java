package io.github.flinksslext.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;

/** Whether and how often the process looks for renewed key and trust files. */
public final class ReloadSettings {

    private static final Duration SHORTEST = Duration.ofMillis(10);
    private static final Duration LONGEST = Duration.ofDays(1);

    private final boolean enabled;
    private final Duration interval;

    private ReloadSettings(boolean enabled, Duration interval) {
        this.enabled = enabled;
        this.interval = interval;
    }

    public static ReloadSettings parse(Configuration config) {
        boolean enabled = ValueParsers.parseBoolean(SslOptions.RELOAD_ENABLED.lookupOrDefault(config).get());
        OptionValue text = SslOptions.RELOAD_INTERVAL.lookupOrDefault(config).get();
        Duration interval;
        try {
            interval = TimeUtils.parseDuration(text.value());
        } catch (RuntimeException e) {
            throw new SslConfigurationException(
                    text.key(), "'" + text.value() + "' is not a duration", "set a duration such as '5 s' or '500 ms'", e);
        }
        if (interval.compareTo(SHORTEST) < 0) {
            throw new SslConfigurationException(
                    text.key(), "'" + text.value() + "' is shorter than " + SHORTEST.toMillis() + " ms",
                    "set a duration such as '5 s'; to stop watching the files set '" + SslOptions.RELOAD_ENABLED.key() + ": false'");
        }
        if (interval.compareTo(LONGEST) > 0) {
            throw new SslConfigurationException(
                    text.key(), "'" + text.value() + "' is longer than a day, so a renewal could outlive the old certificate",
                    "set a duration such as '5 s'; to stop watching the files set '" + SslOptions.RELOAD_ENABLED.key() + ": false'");
        }
        return new ReloadSettings(enabled, interval);
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration interval() {
        return interval;
    }
}
