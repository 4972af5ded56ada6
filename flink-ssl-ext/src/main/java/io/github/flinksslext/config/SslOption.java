package io.github.flinksslext.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One configuration key the jar reads, with the keys it falls back to. Read by key with an
 * option of our own, never through a {@code SecurityOptions} field that some Flink version lacks.
 */
public final class SslOption {

    private final String key;
    private final List<String> fallbackKeys;
    private final String defaultValue;
    private final String description;
    private final boolean verbatim;

    private SslOption(String key, List<String> fallbackKeys, String defaultValue, String description, boolean verbatim) {
        this.key = key;
        this.fallbackKeys = fallbackKeys;
        this.defaultValue = defaultValue;
        this.description = description;
        this.verbatim = verbatim;
    }

    static SslOption of(String key, String defaultValue, String description, String... fallbackKeys) {
        return new SslOption(key, Collections.unmodifiableList(Arrays.asList(fallbackKeys)), defaultValue, description, false);
    }

    /** A password: read as written, spaces included, since they are part of it; only an empty value counts as unset. */
    static SslOption password(String key, String description, String... fallbackKeys) {
        return new SslOption(key, Collections.unmodifiableList(Arrays.asList(fallbackKeys)), null, description, true);
    }

    public String key() {
        return key;
    }

    public List<String> fallbackKeys() {
        return fallbackKeys;
    }

    /** The key and its fallbacks, in the order they are tried: for messages. */
    public String keysForMessage() {
        List<String> all = new ArrayList<>();
        all.add("'" + key + "'");
        for (String fallback : fallbackKeys) {
            all.add("'" + fallback + "'");
        }
        return String.join(" or ", all);
    }

    /** The default, or null when the option has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /**
     * The first of key and fallbacks that is set, with its value trimmed (blank counts as unset);
     * a password's value as written (empty counts as unset).
     */
    public Optional<OptionValue> lookup(Configuration config) {
        Optional<OptionValue> own = read(config, key);
        if (own.isPresent()) {
            return own;
        }
        for (String fallback : fallbackKeys) {
            Optional<OptionValue> value = read(config, fallback);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The configured value, or the default under this option's own key. */
    public Optional<OptionValue> lookupOrDefault(Configuration config) {
        Optional<OptionValue> value = lookup(config);
        if (value.isPresent() || defaultValue == null) {
            return value;
        }
        return Optional.of(new OptionValue(key, defaultValue));
    }

    private Optional<OptionValue> read(Configuration config, String key) {
        ConfigOption<String> option = ConfigOptions.key(key).stringType().noDefaultValue();
        return config.getOptional(option)
                .map(value -> verbatim ? value : value.trim())
                .filter(value -> !value.isEmpty())
                .map(value -> new OptionValue(key, value));
    }

    @Override
    public String toString() {
        return key;
    }
}
