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

/** The jar puts nothing on Flink's classpath that could clash. */
class DropInJarContentsTest {

    private static final String TCNATIVE = "org/apache/flink/shaded/netty4/io/netty/internal/tcnative/";
    private static final String REST_CLIENT_HANDLERS =
            "META-INF/services/org.apache.flink.runtime.io.network.netty.OutboundChannelHandlerFactory";

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
                    e -> assertThat(e).isEqualTo("org/apache/flink/runtime/net/SSLUtils.class"),
                    e -> assertThat(e).isEqualTo(REST_CLIENT_HANDLERS),
                    e -> assertThat(e).startsWith(TCNATIVE),
                    e -> assertThat(e).matches("META-INF/native/(lib)?org_apache_flink_shaded_netty4_netty_tcnative_[a-z0-9_]+\\.(so|jnilib|dll)"),
                    e -> assertThat(e).matches("META-INF/(MANIFEST\\.MF|LICENSE(\\.txt)?|NOTICE(\\.txt)?|license/.*|maven/io\\.github\\.flinksslext/.*)"));
        }
    }

    /** Flink's RestClient adds the handlers of these services to its pipelines: the jar's only one is its own. */
    @Test
    void registersOnlyItsOwnRestClientHandlers() throws IOException {
        Path jar = Paths.get(System.getProperty("dropin.jar"));
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(REST_CLIENT_HANDLERS))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.github.flinksslext.context.RestClientHandlers");
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
}
