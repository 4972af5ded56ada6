package io.github.flinksslext.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Flink's shaded netty-tcnative (its classes and the statically linked BoringSSL) as a directory
 * for the class path of forks that run Flink's own {@code SSLUtils}: the parts of the drop-in jar
 * that Flink's {@code flink-shaded-netty-tcnative-static} would bring, and nothing of the jar's own.
 */
final class FlinkTcnative {

    private static final String CLASSES = "org/apache/flink/shaded/netty4/io/netty/internal/tcnative/";
    private static final String NATIVE = "META-INF/native/";

    private FlinkTcnative() {}

    /** Copies tcnative's classes and native libraries out of the jar that brings them; returns {@code dir}. */
    static Path extract(Path dir) throws IOException {
        URL ssl = FlinkTcnative.class.getClassLoader().getResource(CLASSES + "SSL.class");
        if (ssl == null || !"jar".equals(ssl.getProtocol())) {
            throw new IllegalStateException("Flink's shaded netty-tcnative must come from the drop-in jar on the"
                    + " class path (run the benchmarks after 'mvn install' of flink-ssl-ext); found " + ssl);
        }
        Path jarFile;
        try {
            jarFile = Path.of(((JarURLConnection) ssl.openConnection()).getJarFileURL().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !(name.startsWith(CLASSES) || name.startsWith(NATIVE))) {
                    continue;
                }
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }
}
