package io.github.flinksslext.trust;

import io.github.flinksslext.stores.Certificates;

import java.security.cert.X509Certificate;

/**
 * Text a peer chose (names in its certificate, anything it sent), made safe to quote in a message
 * that Flink logs: control characters, line and paragraph separators, bidirectional and other
 * format characters, unassigned and private-use code points become escapes ({@code \n}, {@code \r},
 * {@code \t}, {@code \}{@code u2028}), so a peer cannot start a log line of its own or reorder one.
 */
public final class PeerText {

    private PeerText() {}

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (printable(text, i)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    /** The subject of a peer's certificate, escaped. */
    public static String subject(X509Certificate cert) {
        return escape(Certificates.subject(cert));
    }

    /** The UTF-16 unit at {@code i}, with its partner if it is half of a pair, is a visible character. */
    private static boolean printable(String text, int i) {
        char c = text.charAt(i);
        int codePoint;
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            codePoint = text.codePointAt(i);
        } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
            codePoint = text.codePointAt(i - 1);
        } else {
            codePoint = c;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
