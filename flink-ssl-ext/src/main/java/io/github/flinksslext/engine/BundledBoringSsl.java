package io.github.flinksslext.engine;

import org.apache.flink.shaded.netty4.io.netty.util.internal.PlatformDependent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the BoringSSL bundled in this jar usable when another jar on the classpath brings Flink's
 * shaded netty-tcnative too (Flink's docs tell OPENSSL users to copy
 * {@code flink-shaded-netty-tcnative-dynamic} into {@code lib/}). Netty then finds two native
 * libraries under the same resource name and loads neither. If this jar's tcnative classes come
 * first, its own library is loaded here, before Netty looks, and Netty binds to it; if the other
 * jar's classes come first, BoringSSL must not be paired with them, and {@link #conflict()} names
 * that jar.
 */
final class BundledBoringSsl {

    private static final Logger LOG = LoggerFactory.getLogger(BundledBoringSsl.class);

    private static final String SHADED_PREFIX = "org_apache_flink_shaded_netty4_";
    private static final String TCNATIVE_CLASS = "org/apache/flink/shaded/netty4/io/netty/internal/tcnative/SSL.class";

    /** Null when nothing conflicts or the conflict was resolved by loading this jar's library. */
    private static final String CONFLICT = prepare();

    private BundledBoringSsl() {}

    /** Resolves a conflict if it can, once per JVM; returns what stays unresolved, or null. */
    static String conflict() {
        return CONFLICT;
    }

    private static String prepare() {
        ClassLoader loader = BundledBoringSsl.class.getClassLoader();
        String ownJar = ownJar();
        String library = "META-INF/native/" + System.mapLibraryName(SHADED_PREFIX + "netty_tcnative_"
                + PlatformDependent.normalizedOs() + "_" + PlatformDependent.normalizedArch());
        if (PlatformDependent.isOsx()) {
            library = library.replace(".dylib", ".jnilib");
        }
        try {
            List<URL> libraries = Collections.list(loader.getResources(library));
            URL own = null;
            List<String> others = new ArrayList<>();
            for (URL url : libraries) {
                if (ownJar != null && url.toString().contains(ownJar)) {
                    own = url;
                } else {
                    others.add(jarOf(url));
                }
            }
            if (own == null || others.isEmpty()) {
                return null; // Netty finds one library, as usual
            }
            URL tcnativeClasses = loader.getResource(TCNATIVE_CLASS);
            if (tcnativeClasses == null || !tcnativeClasses.toString().contains(ownJar)) {
                return "the jar " + others + " comes before this jar on the classpath and brings Flink's own"
                        + " netty-tcnative classes and native library; BoringSSL bundled here cannot be paired with"
                        + " its classes, and Netty refuses two native libraries of one name";
            }
            load(own, library);
            LOG.info("Loaded the BoringSSL bundled in flink-ssl-ext; {} on the classpath also brings a netty-tcnative"
                    + " library, which is not used (remove it from Flink's lib/ folder).", others);
            return null;
        } catch (IOException | LinkageError e) {
            return "this jar's BoringSSL could not be loaded beside another netty-tcnative on the classpath: " + e;
        }
    }

    /** Extracted under Netty's own naming, which tcnative's JNI_OnLoad reads its shaded package from. */
    private static void load(URL resource, String library) throws IOException {
        String file = library.substring(library.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        Path extracted = Files.createTempFile(file.substring(0, dot), file.substring(dot));
        try (InputStream in = resource.openStream()) {
            Files.copy(in, extracted, StandardCopyOption.REPLACE_EXISTING);
            System.load(extracted.toAbsolutePath().toString());
        } finally {
            if (!PlatformDependent.isWindows()) {
                Files.deleteIfExists(extracted); // the loaded library stays mapped
            } else {
                extracted.toFile().deleteOnExit();
            }
        }
    }

    private static String ownJar() {
        CodeSource source = BundledBoringSsl.class.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().getPath();
    }

    /** The file name of the jar a resource URL points into. */
    private static String jarOf(URL url) {
        String text = url.getPath();
        int bang = text.indexOf("!/");
        String jar = bang >= 0 ? text.substring(0, bang) : text;
        return jar.substring(jar.lastIndexOf('/') + 1);
    }
}
