package io.github.flinksslext.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What a set of store files holds now, as one SHA-256: content counts, not modification time or
 * size, so two writes of equal size within one second are two versions. Paths are read through
 * their links, so a Kubernetes {@code ..data} swap, an atomic rename and an overwrite in place all
 * show as a change. A directory stands for the files in it (a secret volume: tls.crt, tls.key,
 * ca.crt), hidden entries (Kubernetes' {@code ..data}) left out.
 */
public final class FileContents {

    private FileContents() {}

    /** Hex SHA-256 over every file's name and content; a missing or unreadable file counts as such. */
    public static String fingerprint(Collection<Path> paths) {
        MessageDigest digest = sha256();
        for (Path path : paths) {
            for (Path file : files(path)) {
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    digest.update(("unreadable:" + e.getClass().getName()).getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return Collections.singletonList(path);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, entry -> !entry.getFileName().toString().startsWith("."))) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            return Collections.singletonList(path);
        }
        Collections.sort(files);
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
