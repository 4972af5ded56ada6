package io.github.flinksslext.config;

import io.github.flinksslext.trust.Pin;
import io.github.flinksslext.trust.PinSet;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code security.ssl.*.cert.fingerprint}: comma-separated entries, each a certificate
 * fingerprint in hex (20 bytes SHA-1 as keytool prints it, 32 bytes SHA-256; colons optional, any
 * case) or a public-key pin {@code sha256/<base64>}.
 */
public final class PinListParser {

    private static final String KEY_PIN_PREFIX = "sha256/";
    private static final String FORMS =
            "write each entry as a SHA-1 or SHA-256 certificate fingerprint in hex (e.g. 8A:3F:...:21, as"
                    + " 'keytool -list -v' prints it) or as a public-key pin sha256/<base64>, separated by commas";

    private PinListParser() {}

    /** Pins handed over as text from elsewhere (Flink's RPC layer), under the option they came from. */
    public static PinSet parse(String optionKey, String commaSeparated) {
        return parse(new OptionValue(optionKey, commaSeparated));
    }

    static PinSet parse(OptionValue value) {
        List<Pin> pins = new ArrayList<>();
        for (String entry : ValueParsers.parseList(value, FORMS)) {
            pins.add(parseEntry(value.key(), entry));
        }
        return new PinSet(value.key(), pins);
    }

    private static Pin parseEntry(String key, String entry) {
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            String prefix = entry.substring(0, slash + 1);
            if (!prefix.toLowerCase(Locale.ROOT).equals(KEY_PIN_PREFIX)) {
                throw malformed(key, entry, "has the unknown prefix '" + prefix + "'; only " + KEY_PIN_PREFIX
                        + " public-key pins are supported");
            }
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(entry.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw malformed(key, entry, "is not base64 after '" + KEY_PIN_PREFIX + "' (" + e.getMessage() + ")");
            }
            if (hash.length != 32) {
                throw malformed(key, entry, "decodes to " + hash.length + " bytes; a SHA-256 key pin has 32");
            }
            return Pin.publicKeySha256(hash);
        }
        byte[] hash = hex(key, entry);
        switch (hash.length) {
            case 20:
                return Pin.certificateSha1(hash);
            case 32:
                return Pin.certificateSha256(hash);
            default:
                throw malformed(key, entry, "is " + hash.length + " bytes long; a SHA-1 fingerprint has 20 bytes"
                        + " and a SHA-256 fingerprint 32");
        }
    }

    /** Hex digits, either contiguous or in colon-separated pairs. */
    private static byte[] hex(String key, String entry) {
        String digits;
        if (entry.indexOf(':') >= 0) {
            StringBuilder joined = new StringBuilder();
            for (String pair : entry.split(":", -1)) {
                if (pair.length() != 2) {
                    throw malformed(key, entry, "has a group '" + pair + "' that is not two hex digits");
                }
                joined.append(pair);
            }
            digits = joined.toString();
        } else {
            digits = entry;
        }
        if (digits.length() % 2 != 0) {
            throw malformed(key, entry, "has an odd number of hex digits");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = asciiHexDigit(digits.charAt(2 * i));
            int low = asciiHexDigit(digits.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                throw malformed(key, entry, "is not hex: '" + digits.substring(2 * i, 2 * i + 2) + "'");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    /** Character.digit would also read fullwidth and other scripts' digits; a fingerprint is ASCII. */
    private static int asciiHexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static SslConfigurationException malformed(String key, String entry, String problem) {
        return new SslConfigurationException(key, "the entry '" + entry + "' " + problem, FORMS);
    }
}
