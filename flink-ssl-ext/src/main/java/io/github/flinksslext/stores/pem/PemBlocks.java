package io.github.flinksslext.stores.pem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -----BEGIN X----- … -----END X-----} blocks of a PEM file (RFC 7468), decoded. Text
 * between blocks (openssl's "Bag Attributes", comments) is ignored. Error messages name the block
 * and its position, never its content.
 */
final class PemBlocks {

    /** One decoded block. */
    static final class Block {
        final String label;
        final byte[] der;
        final boolean legacyEncrypted;

        Block(String label, byte[] der, boolean legacyEncrypted) {
            this.label = label;
            this.der = der;
            this.legacyEncrypted = legacyEncrypted;
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z-]+:.*$", Pattern.MULTILINE);

    private PemBlocks() {}

    static List<Block> parse(byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String label = matcher.group(1);
            if (!label.equals(matcher.group(3))) {
                throw new IOException("PEM block " + (blocks.size() + 1) + " begins as '" + label + "' but ends as '"
                        + matcher.group(3) + "'");
            }
            String body = matcher.group(2);
            boolean legacyEncrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            String base64 = HEADER.matcher(body).replaceAll("").replaceAll("\\s", "");
            try {
                blocks.add(new Block(label, Base64.getDecoder().decode(base64), legacyEncrypted));
            } catch (IllegalArgumentException e) {
                throw new IOException("PEM block " + (blocks.size() + 1) + " ('" + label + "') is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new IOException(content.length == 0 ? "the file is empty" : "the file holds no PEM block"
                    + " (-----BEGIN …-----)");
        }
        return Collections.unmodifiableList(blocks);
    }
}
