package io.github.flinksslext.cli;

/**
 * Text from certificates and peers is the attacker's to choose: a subject may hold line breaks,
 * terminal escape sequences or bidirectional overrides. Everything such is printed escaped.
 */
final class Text {

    private Text() {}

    /** One line: every control, format or unassigned character as {@code \\uXXXX}, a backslash doubled. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.PRIVATE_USE) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Several lines (a message with a peer's chain): each line made safe, continuation lines indented. */
    static String safeLines(String text, String indent) {
        String[] lines = String.valueOf(text).split("\r?\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n').append(indent);
            }
            out.append(safe(lines[i]));
        }
        return out.toString();
    }

    /** One line of a report: the label padded to {@code width}, then the value. */
    static void field(StringBuilder out, String indent, int width, String label, String value) {
        out.append(indent).append(String.format("%-" + width + "s", label)).append(' ').append(value).append('\n');
    }
}
