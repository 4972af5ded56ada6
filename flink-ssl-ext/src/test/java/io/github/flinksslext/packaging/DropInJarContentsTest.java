package io.github.flinksslext.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar puts nothing on Flink's classpath that could clash: its third-party code (tcnative, the
 * command line's picocli) is relocated, and {@code java -jar} starts a launcher of JDK classes only.
 */
class DropInJarContentsTest {

    private static final String TCNATIVE = "org/apache/flink/shaded/netty4/io/netty/internal/tcnative/";
    private static final String PICOCLI = "io/github/flinksslext/shaded/picocli/";
    private static final String LAUNCHER = "io/github/flinksslext/cli/Launcher";

    /** Flink's RestClient adds the handlers of these services to its connections: the host check's way in. */
    private static final String REST_CLIENT_HANDLERS =
            "META-INF/services/org.apache.flink.runtime.io.network.netty.OutboundChannelHandlerFactory";

    /** Flink's REST server adds the handlers of these services to its connections: where peers without the jar are seen. */
    private static final String REST_SERVER_HANDLERS =
            "META-INF/services/org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory";

    /**
     * The Flink and Netty class names the jar ships on purpose, each listed in the README with its
     * reason: the faces through which Flink's TLS set-up reaches the jar. Nothing else of Flink's or
     * Netty's, and no inner classes that could shadow the originals' own.
     */
    private static final List<String> FACES = List.of(
            "org/apache/flink/runtime/net/SSLUtils.class",
            "org/apache/flink/shaded/netty4/io/netty/handler/ssl/util/FingerprintTrustManagerFactory.class",
            "org/apache/flink/shaded/netty4/io/netty/handler/ssl/util/FingerprintTrustManagerFactoryBuilder.class");

    /** The early hook's service entry, the one way into every Flink process before RPC starts. */
    private static final String EARLY_HOOK = "META-INF/services/org.apache.flink.core.fs.FileSystemFactory";

    /** Loads Flink's RPC layer so that it finds the jar's FingerprintTrustManagerFactory on Flink 2.3 too. */
    private static final String RPC_LOADER = "META-INF/services/org.apache.flink.runtime.rpc.RpcSystemLoader";

    private static List<String> entries() throws IOException {
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        assertThat(jar).exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void onlyOwnClassesTheHookAndRelocatedTcnative() throws IOException {
        for (String entry : entries()) {
            if (entry.endsWith("/")) {
                continue;
            }
            assertThat(entry).as("unexpected entry").satisfiesAnyOf(
                    e -> assertThat(e).startsWith("io/github/flinksslext/"),
                    e -> assertThat(FACES).contains(e),
                    e -> assertThat(e).isIn(EARLY_HOOK, RPC_LOADER, REST_CLIENT_HANDLERS, REST_SERVER_HANDLERS),
                    e -> assertThat(e).startsWith(TCNATIVE),
                    e -> assertThat(e).matches("META-INF/native/(lib)?org_apache_flink_shaded_netty4_netty_tcnative_[a-z0-9_]+\\.(so|jnilib|dll)"),
                    e -> assertThat(e).matches("META-INF/(MANIFEST\\.MF|LICENSE(\\.txt)?|NOTICE(\\.txt)?|license/.*|maven/io\\.github\\.flinksslext/.*)"));
        }
    }

    @Test
    void shipsEveryFaceAndItsServiceEntriesPointingAtItsOwnClasses() throws IOException {
        assertThat(entries()).containsAll(FACES).contains(EARLY_HOOK, RPC_LOADER, REST_CLIENT_HANDLERS, REST_SERVER_HANDLERS);
        assertThat(entries()).filteredOn(e -> e.startsWith("org/apache/flink/") && !e.startsWith(TCNATIVE) && !e.endsWith("/"))
                .containsExactlyInAnyOrderElementsOf(FACES);
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(text(zip, EARLY_HOOK)).isEqualTo("io.github.flinksslext.bootstrap.TlsBootstrapFileSystemFactory");
            assertThat(text(zip, RPC_LOADER)).isEqualTo("io.github.flinksslext.bootstrap.RpcSystemLoaderWithJarTrust");
            // Flink's RestClient adds the handlers of these services to its pipelines: the jar's only one is its own
            assertThat(text(zip, REST_CLIENT_HANDLERS)).isEqualTo("io.github.flinksslext.context.RestClientHandlers");
            assertThat(text(zip, REST_SERVER_HANDLERS)).isEqualTo("io.github.flinksslext.context.RestServerHandlers");
        }
    }

    private static String text(ZipFile zip, String entry) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void bundlesBoringSslForEveryPlatformTcnativeShips() throws IOException {
        assertThat(entries()).contains(
                "META-INF/native/liborg_apache_flink_shaded_netty4_netty_tcnative_linux_x86_64.so",
                "META-INF/native/liborg_apache_flink_shaded_netty4_netty_tcnative_linux_aarch_64.so",
                "META-INF/native/liborg_apache_flink_shaded_netty4_netty_tcnative_osx_x86_64.jnilib",
                "META-INF/native/liborg_apache_flink_shaded_netty4_netty_tcnative_osx_aarch_64.jnilib",
                "META-INF/native/org_apache_flink_shaded_netty4_netty_tcnative_windows_x86_64.dll",
                TCNATIVE + "SSL.class");
        assertThat(entries()).noneMatch(e -> e.startsWith("io/netty/") || e.contains("META-INF/native/libnetty_"));
    }

    @Test
    void ownCodeRefersToNettyOnlyThroughFlinksShadedPackage() throws IOException {
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        List<String> offenders = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                String constants;
                try (InputStream in = zip.getInputStream(entry)) {
                    constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                String stripped = constants.replace("org/apache/flink/shaded/netty4/io/netty/", "")
                        .replace("org.apache.flink.shaded.netty4.io.netty.", "");
                if (stripped.contains("io/netty/") || stripped.contains("io.netty.")) {
                    offenders.add(entry.getName());
                }
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(Files.size(jar)).isLessThan(40L * 1024 * 1024);
    }

    @Test
    void theArgumentParserIsRelocatedAndNothingRefersToItUnrelocated() throws IOException {
        assertThat(entries()).contains(PICOCLI + "CommandLine.class")
                .noneMatch(e -> e.startsWith("picocli/") || e.startsWith("META-INF/versions/"));
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        List<String> offenders = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class")) {
                    String constants;
                    try (InputStream in = zip.getInputStream(entry)) {
                        constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    }
                    if (constants.replace(PICOCLI, "").contains("picocli/")) {
                        offenders.add(entry.getName());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void javaMinusJarStartsALauncherOfJdkClassesOnly() throws IOException {
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            java.util.jar.Manifest manifest;
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                manifest = new java.util.jar.Manifest(in);
            }
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(LAUNCHER.replace('/', '.'));
            byte[] launcher;
            try (InputStream in = zip.getInputStream(zip.getEntry(LAUNCHER + ".class"))) {
                launcher = in.readAllBytes();
            }
            // with java -jar the application class loader holds this jar alone: no Flink, no picocli
            assertThat(classesReferredTo(launcher)).isNotEmpty()
                    .allSatisfy(name -> assertThat(name).matches("(\\[*L?)?(java/|" + LAUNCHER + "$).*"));
        }
    }

    /** The names of the CONSTANT_Class entries of a class file's constant pool. */
    private static List<String> classesReferredTo(byte[] classFile) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(classFile));
        in.readInt(); // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1:
                    utf8[i] = in.readUTF();
                    break;
                case 7:
                    classNames.add(in.readUnsignedShort());
                    break;
                case 8: case 16: case 19: case 20:
                    in.readUnsignedShort();
                    break;
                case 15:
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.readInt();
                    break;
                case 5: case 6:
                    in.readLong();
                    i++;
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> names = new ArrayList<>();
        for (int index : classNames) {
            names.add(utf8[index]);
        }
        return names;
    }
}
