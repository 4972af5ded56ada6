package io.github.flinksslext.engine;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOptions;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.OpenSsl;

import java.util.Locale;

/** The bundled BoringSSL engine: whether it loaded here, and what to tell the user if not. */
public final class OpenSslSupport {

    /** The platforms whose native library this jar bundles. */
    public static final String BUNDLED_PLATFORMS =
            "linux-x86_64, linux-aarch_64, osx-x86_64, osx-aarch_64, windows-x86_64";

    private OpenSslSupport() {}

    /** Loads the bundled library beside a conflicting netty-tcnative jar first, where that is possible. */
    public static boolean isAvailable() {
        return BundledBoringSsl.conflict() == null && OpenSsl.isAvailable();
    }

    /** "BoringSSL" plus its version, as the native library reports it. */
    public static String versionString() {
        return isAvailable() ? OpenSsl.versionString() : "unavailable";
    }

    public static void requireAvailable() {
        if (isAvailable()) {
            return;
        }
        String conflict = BundledBoringSsl.conflict();
        if (conflict != null) {
            throw new SslConfigurationException(
                    SslOptions.PROVIDER.key(),
                    "OPENSSL cannot be used: " + conflict,
                    "remove that jar from Flink's lib/ folder (this jar bundles BoringSSL for " + BUNDLED_PLATFORMS
                            + "), or set JDK");
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-"
                + System.getProperty("os.arch", "?");
        throw new SslConfigurationException(
                SslOptions.PROVIDER.key(),
                "OPENSSL is not available on this platform (" + platform + "; the jar bundles BoringSSL for "
                        + BUNDLED_PLATFORMS + "): " + (cause == null ? "unknown cause" : cause.getMessage()),
                "set JDK, or run on one of the bundled platforms",
                cause);
    }
}
