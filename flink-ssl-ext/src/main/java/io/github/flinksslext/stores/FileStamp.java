package io.github.flinksslext.stores;

import java.io.File;
import java.nio.file.Path;

/** Path, modification time and size: enough to notice that a store file was replaced. */
public final class FileStamp {

    private FileStamp() {}

    public static String of(Path path) {
        File file = path.toFile();
        return file.getAbsolutePath() + "@" + file.lastModified() + "/" + file.length();
    }
}
