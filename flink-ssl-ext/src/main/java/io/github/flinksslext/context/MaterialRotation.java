package io.github.flinksslext.context;

import io.github.flinksslext.live.EndpointSide;
import io.github.flinksslext.live.MaterialInUse;
import io.github.flinksslext.live.ProcessTls;
import io.github.flinksslext.live.Reloadable;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.stores.Certificates;
import io.github.flinksslext.stores.KeyEntry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What the process says and records when an endpoint side's material is first built, replaced by
 * renewed files, or kept because the renewed files failed a check: one line per endpoint side.
 */
final class MaterialRotation implements Reloadable.Listener<BuiltContext> {

    private static final Logger LOG = LoggerFactory.getLogger(MaterialRotation.class);

    @Override
    public void replaced(BuiltContext old, BuiltContext now, long rotations, long refusals) {
        recordInUse(now, Instant.now(), rotations, refusals);
        if (old == null) {
            LOG.info(now.description);
            warnOfPinnedAuthorities(now);
            return;
        }
        LOG.info("TLS material renewed for the {} {}: new connections present {} (was {}){}; open connections keep"
                        + " theirs. Checked as at startup: {}",
                endpoint(now), side(now), certificate(now), certificate(old), trusted(now), now.description);
        warnOfRpcStartupMaterial(old, now);
        warnOfPinnedAuthorities(now);
    }

    /**
     * Pekko keeps what it loaded at startup: say until when, once per renewed material in a
     * JobManager or TaskManager (its internal sides rotate together, each would say it).
     */
    private static void warnOfRpcStartupMaterial(BuiltContext old, BuiltContext now) {
        X509Certificate rpc = ProcessTls.get().rpcCertificate();
        if (rpc == null || now.settings.endpoint() != TlsEndpoint.INTERNAL || now.keys == null) {
            return;
        }
        boolean trustChanged = old.trust != null && now.trust != null
                && !old.trust.anchors().certificates().equals(now.trust.anchors().certificates());
        if ((rpc.equals(leaf(now)) && !trustChanged) || !ProcessTls.get().firstToSayOf(leaf(now))) {
            return;
        }
        LOG.warn("Flink's RPC layer (Pekko) loads its keystore and truststore itself, once: it keeps presenting {}{}"
                        + " until this process restarts. Restart it before {} (a rolling restart), and keep that"
                        + " certificate trusted and pinned until then.",
                describe(rpc), trustChanged ? " and trusting the CAs it loaded at startup (the truststore has changed)" : "",
                rpc.getNotAfter().toInstant());
    }

    @Override
    public void refused(BuiltContext kept, Throwable why, long rotations, long refusals) {
        MaterialInUse before = ProcessTls.get().materialsInUse().get(new EndpointSide(kept.settings.endpoint(), kept.side));
        // only where this material is the side's: another configuration's files (a gone one) must not take it back
        if (before != null && before.ownChain().equals(ownChain(kept))) {
            recordInUse(kept, before.loadedAt(), rotations, refusals);
        }
        LOG.error("Renewed TLS files for the {} {} failed a check, so they are NOT used; connections keep using {}."
                        + " Fix the files; they are checked again when they change. {}",
                endpoint(kept), side(kept), certificate(kept), StartupValidation.causes(why));
    }

    /** Pinning a CA the truststore trusts anyway lets every certificate it issued through: say so. */
    private static void warnOfPinnedAuthorities(BuiltContext built) {
        if (built.trust == null || built.settings.pinOnly() || !built.settings.pins().isPresent()) {
            return;
        }
        for (X509Certificate authority : built.settings.pins().get().pinnedAuthorities(built.trust.anchors())) {
            LOG.warn("A pin in '{}' matches {}, a CA that '{}' already trusts: every certificate that CA issues passes"
                            + " the chain check and this pin, so the pin adds nothing for the {} {}. Pin a dedicated"
                            + " intermediate CA that signs only this cluster's certificates, or the certificates themselves.",
                    built.settings.pins().get().optionKey(), describe(authority), built.trust.location().pathKey(),
                    endpoint(built), side(built));
        }
    }

    static void recordInUse(BuiltContext built, Instant loadedAt, long rotations, long refusals) {
        List<X509Certificate> own = ownChain(built);
        List<X509Certificate> trusted = built.trust == null ? List.of() : built.trust.anchors().certificates();
        ProcessTls.get().materialInUse(built.settings.endpoint(), built.side,
                new MaterialInUse(own, trusted, loadedAt, rotations, refusals));
    }

    private static List<X509Certificate> ownChain(BuiltContext built) {
        return built.keys == null || built.keys.entries().isEmpty()
                ? List.of() : Arrays.asList(built.keys.entries().get(0).chain());
    }

    private static X509Certificate leaf(BuiltContext built) {
        return built.keys == null ? null : built.keys.entries().get(0).leaf();
    }

    private static String certificate(BuiltContext built) {
        if (built.keys == null) {
            return "no certificate";
        }
        StringBuilder text = new StringBuilder();
        for (KeyEntry entry : built.keys.entries()) {
            text.append(text.length() == 0 ? "" : " and ").append(describe(entry.leaf()));
        }
        return text.toString();
    }

    private static String describe(X509Certificate certificate) {
        return "[subject=" + Certificates.subject(certificate)
                + ", sha256=" + Certificates.hex(Certificates.sha256(certificate))
                + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }

    private static String trusted(BuiltContext built) {
        return built.trust == null ? ""
                : ", trusting " + built.trust.anchors().certificates().size() + " CA certificate(s) from '"
                        + built.trust.location().path() + "'";
    }

    private static String endpoint(BuiltContext built) {
        return built.settings.endpoint().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String side(BuiltContext built) {
        return built.side.name().toLowerCase(java.util.Locale.ROOT);
    }
}
