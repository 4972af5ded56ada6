package io.github.flinksslext.context;

import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.engine.KeyExchangeGroups;
import io.github.flinksslext.engine.OpenSslSupport;
import io.github.flinksslext.stores.Certificates;
import io.github.flinksslext.stores.KeyEntry;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one INFO line that says what a context is. Never a secret. */
final class ContextDescription {

    private ContextDescription() {}

    static String describe(BuiltContext built, InMemoryHandshake.Result validation) {
        StringBuilder line = new StringBuilder("TLS context for ")
                .append(built.settings.endpoint().name().toLowerCase(Locale.ROOT)).append(' ')
                .append(built.side.name().toLowerCase(Locale.ROOT))
                .append(": provider=").append(provider(built.settings.provider()))
                .append(", protocols=").append(built.parameters.protocols())
                .append(", cipherSuites=").append(built.parameters.cipherSuites())
                .append(", keyExchangeGroups=").append(groups(built))
                .append(", certificate=").append(certificates(built))
                .append(", clientAuth=").append(built.settings.mutualAuthentication() ? "required" : "off")
                .append(", peerTrust=").append(built.peerTrust.describe())
                .append(", hostnameVerification=").append(built.verifyHostname ? "on" : "off");
        if (validation != null) {
            line.append(", startupHandshake=").append(validation.protocol()).append('/').append(validation.cipherSuite());
            if (validation.keyExchangeGroup() != null) {
                line.append('/').append(validation.keyExchangeGroup());
            }
        }
        return line.toString();
    }

    /** Offered, in order; the strict post-quantum mode said as such, since it refuses classical peers. */
    private static String groups(BuiltContext built) {
        List<String> groups = built.parameters.keyExchangeGroups();
        if (groups.isEmpty()) {
            return "the JDK's own";
        }
        return groups + (KeyExchangeGroups.postQuantumOnly(groups) ? " (post-quantum only: peers without ML-KEM are refused)" : "");
    }

    private static String provider(SslProvider provider) {
        return provider == SslProvider.JDK ? "JDK" : "OPENSSL (" + OpenSslSupport.versionString() + ")";
    }

    private static String certificates(BuiltContext built) {
        if (built.keys == null) {
            return "none";
        }
        List<String> described = new ArrayList<>();
        for (KeyEntry entry : built.keys.entries()) {
            X509Certificate leaf = entry.leaf();
            described.add("[subject=" + Certificates.subject(leaf)
                    + ", SANs=" + Certificates.subjectAlternativeNames(leaf)
                    + ", key=" + entry.keyAlgorithm()
                    + ", notAfter=" + leaf.getNotAfter().toInstant()
                    + ", sha256=" + Certificates.hex(Certificates.sha256(leaf)) + "]");
        }
        return String.join(" ", described);
    }
}
