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

    /** Milliseconds or a count where -1 means "the engine's default". */
    public static int parseIntOrDefaultMarker(OptionValue value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.value());
        } catch (NumberFormatException e) {
            throw new SslConfigurationException(
                    value.key(),
                    "'" + value.value() + "' is not a whole number",
                    "set a whole number of 0 or more, or -1 for the default");
        }
        if (parsed < -1) {
            throw new SslConfigurationException(
                    value.key(),
                    parsed + " is negative",
                    "set a whole number of 0 or more, or -1 for the default");
        }
        return parsed;
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
