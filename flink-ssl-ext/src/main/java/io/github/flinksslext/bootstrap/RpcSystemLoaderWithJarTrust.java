package io.github.flinksslext.bootstrap;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.core.classloading.SubmoduleClassLoader;
import org.apache.flink.runtime.rpc.CleanupOnCloseRpcSystem;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Loads Flink's RPC layer exactly as Flink's own {@code PekkoRpcSystemLoader} does (the embedded
 * RPC jar copied to a temporary file, behind a {@link SubmoduleClassLoader} that loads
 * {@code org.apache.flink.*} from that jar first), with one difference: where the RPC jar brings a
 * shaded Netty of its own (Flink 2.3 on), its copy of Netty's
 * {@code FingerprintTrustManagerFactory} is left out, so that RPC finds the jar's on Flink's class
 * path as it does on Flink 1.20 to 2.2. Found through {@code META-INF/services} ahead of Flink's
 * loader (a lower load priority).
 */
public final class RpcSystemLoaderWithJarTrust implements RpcSystemLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RpcSystemLoaderWithJarTrust.class);

    /** The resource Flink's own loader reads; the same in every Flink version this jar serves. */
    private static final String EMBEDDED_RPC_JAR = "flink-rpc-akka.jar";
    private static final String FACE_PACKAGE = "/org/apache/flink/shaded/netty4/io/netty/handler/ssl/util/";
    private static final String FACE_PREFIX = "FingerprintTrustManagerFactory";

    @Override
    public int getLoadPriority() {
        return -1; // Flink's own loader has 0; lower goes first
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        ClassLoader flinkClassLoader = RpcSystem.class.getClassLoader();
        Path copy;
        try (InputStream embedded = flinkClassLoader.getResourceAsStream(EMBEDDED_RPC_JAR)) {
            if (embedded == null) {
                throw new RpcLoaderException("Flink's RPC jar '" + EMBEDDED_RPC_JAR + "' is not on the class path");
            }
            Path directory = Files.createDirectories(Paths.get(ConfigurationUtils.parseTempDirectories(config)[0]));
            copy = directory.resolve("flink-rpc-akka_" + UUID.randomUUID() + ".jar");
            Files.copy(embedded, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RpcLoaderException("Could not copy Flink's RPC jar for loading", e);
        }
        List<String> removed = removeOwnTrustFactory(copy);
        if (!removed.isEmpty()) {
            LOG.info("Flink's RPC jar brings its own {}; left out so that RPC verifies peers through flink-ssl-ext.",
                    removed);
        }
        try {
            SubmoduleClassLoader loader = new SubmoduleClassLoader(new java.net.URL[] {copy.toUri().toURL()}, flinkClassLoader);
            return new CleanupOnCloseRpcSystem(
                    java.util.ServiceLoader.load(RpcSystem.class, loader).iterator().next(), loader, copy);
        } catch (IOException | RuntimeException e) {
            throw new RpcLoaderException("Could not initialise Flink's RPC system", e);
        }
    }

    /**
     * Deletes the RPC jar's copies of the face classes. Failing here must not let Flink's loader
     * step in: RPC would then pin the way this jar exists to replace, so it is an Error.
     */
    private static List<String> removeOwnTrustFactory(Path jar) {
        List<String> removed = new ArrayList<>();
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Collections.emptyMap())) {
            Path directory = zip.getPath(FACE_PACKAGE);
            if (!Files.isDirectory(directory)) {
                return removed;
            }
            List<Path> faces = new ArrayList<>();
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(p -> p.getFileName().toString().startsWith(FACE_PREFIX)).forEach(faces::add);
            }
            for (Path face : faces) {
                Files.delete(face);
                removed.add(face.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            throw new LinkageError("flink-ssl-ext could not give Flink's RPC layer its peer verification: " + e, e);
        }
        return removed;
    }
}
