package io.github.flinksslext.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Strict parsing of option values, each failure naming the key that held the value. */
public final class ValueParsers {

    private ValueParsers() {}

    public static boolean parseBoolean(OptionValue value) {
        String text = value.value().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new SslConfigurationException(
                value.key(), "'" + value.value() + "' is not a boolean", "set it to true or false");
    }

    /** A duration as Flink writes them ("30 d", "720 h", "1 min"); zero or more. */
    public static java.time.Duration parseDuration(OptionValue value) {
        String fix = "write a duration as Flink does, e.g. '30 d' or '720 h'";
        java.time.Duration parsed;
        try {
            parsed = org.apache.flink.util.TimeUtils.parseDuration(value.value());
        } catch (IllegalArgumentException e) {
            throw new SslConfigurationException(value.key(), "'" + value.value() + "' is not a duration", fix);
        }
        if (parsed.isNegative()) {
            throw new SslConfigurationException(value.key(), "'" + value.value() + "' is negative", fix);
        }
        return parsed;
    }

    /** Milliseconds or a count where -1 means "the engine's default". ASCII digits only, as written in a file. */
    public static int parseIntOrDefaultMarker(OptionValue value) {
        String fix = "set a whole number of 0 or more, or -1 for the default";
        if (!value.value().matches("-?[0-9]+")) {
            throw new SslConfigurationException(value.key(), "'" + value.value() + "' is not a whole number", fix);
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.value());
        } catch (NumberFormatException e) {
            parsed = value.value().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // more digits than a long holds
        }
        if (parsed > Integer.MAX_VALUE) {
            throw new SslConfigurationException(
                    value.key(), value.value() + " is out of range: at most " + Integer.MAX_VALUE, fix);
        }
        if (parsed < -1) {
            throw new SslConfigurationException(
                    value.key(),
                    value.value() + " is " + (parsed < Integer.MIN_VALUE ? "out of range" : "negative"),
                    fix);
        }
        return (int) parsed;
    }

    /** A comma-separated list; entries trimmed, empty entries dropped, at least one required. */
    public static List<String> parseList(OptionValue value, String fix) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.value().split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty() && !entries.contains(trimmed)) {
                entries.add(trimmed);
            }
        }
        if (entries.isEmpty()) {
            throw new SslConfigurationException(value.key(), "the list is empty", fix);
        }
        return Collections.unmodifiableList(entries);
    }
}
