package io.github.flinksslext.flinktests;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Flink's own SSL test classes ask Netty for OpenSSL in their static initialisers, before any
 * Flink code runs. In a Flink process the first thing that runs is {@code FileSystem.initialize}
 * with the process's configuration, where the jar's early hook makes its BoringSSL usable beside
 * Flink's own tcnative jar. When {@code flink.ssl-ext.tests.start-as-flink-process} is set, the
 * test JVM starts the same way, with a configuration that asks for OPENSSL as those tests do.
 */
public final class StartAsFlinkProcess implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("flink.ssl-ext.tests.start-as-flink-process")) {
            return;
        }
        Configuration config = new Configuration();
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.provider", "OPENSSL");
        FileSystem.initialize(config, null);
    }
}
