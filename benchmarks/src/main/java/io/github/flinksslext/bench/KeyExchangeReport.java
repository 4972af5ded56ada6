package io.github.flinksslext.bench;

import io.github.flinksslext.engine.InMemoryHandshake;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The section on the hybrid key exchange: handshakes per second from {@link KeyExchangeBenchmark},
 * bytes on the wire from handshakes run here, in this JVM, with the same setups.
 */
final class KeyExchangeReport {

    static final String TITLE = "## Key exchange: hybrid ML-KEM against X25519 (in memory, mutual TLS)";
    private static final int WIRE_SAMPLES = 20;

    private KeyExchangeReport() {}

    /** Mean bytes each way over a few handshakes (ECDSA signatures vary by a byte or two). */
    static final class Wire {
        final double clientBytes;
        final double serverBytes;
        final String group;
        final String suite;

        private Wire(double clientBytes, double serverBytes, String group, String suite) {
            this.clientBytes = clientBytes;
            this.serverBytes = serverBytes;
            this.group = group;
            this.suite = suite;
        }

        static Wire measure(SSLHandlerFactory client, SSLHandlerFactory server) throws Exception {
            long sent = 0;
            long received = 0;
            InMemoryHandshake.Result last = null;
            for (int i = 0; i < WIRE_SAMPLES; i++) {
                last = HandshakeBenchmark.handshake(client, server);
                sent += last.clientBytes();
                received += last.serverBytes();
            }
            return new Wire(sent / (double) WIRE_SAMPLES, received / (double) WIRE_SAMPLES,
                    last.keyExchangeGroup() == null ? "RSA key transport" : last.keyExchangeGroup(), last.cipherSuite());
        }

        double total() {
            return clientBytes + serverBytes;
        }
    }

    /** The certificate layouts, in the order the section shows them. */
    private static final InternalTls.Layout[] LAYOUTS = {InternalTls.Layout.CA_ISSUED, InternalTls.Layout.SELF_SIGNED};

    /**
     * Bytes per layout, in the order of {@link #LAYOUTS}: the jar's hybrid default, the jar with
     * X25519, and Flink's default with RSA-2048 and RSA-4096, in that order.
     */
    static List<List<Wire>> wire() throws Exception {
        List<List<Wire>> perLayout = new ArrayList<>();
        for (InternalTls.Layout layout : LAYOUTS) {
            List<Wire> wire = new ArrayList<>();
            for (String groups : new String[] {"hybrid", "X25519"}) {
                KeyExchangeBenchmark.Jar jar = new KeyExchangeBenchmark.Jar();
                jar.groups = groups;
                jar.certificates = layout;
                jar.build();
                wire.add(Wire.measure(jar.client, jar.server));
            }
            for (KeyType key : new KeyType[] {KeyType.RSA_2048, KeyType.RSA_4096}) {
                KeyExchangeBenchmark.FlinksDefault flink = new KeyExchangeBenchmark.FlinksDefault();
                flink.key = key;
                flink.certificates = layout;
                flink.build();
                wire.add(Wire.measure(flink.client, flink.server));
            }
            perLayout.add(wire);
        }
        return perLayout;
    }

    static String section(Collection<RunResult> results, List<List<Wire>> perLayout, String header) {
        List<Measurement> all = Measurement.of(results);
        StringBuilder out = new StringBuilder(TITLE).append("\n\n").append(header)
                .append("Full mutual-TLS handshakes per second between a client and a server engine in memory, as in the section")
                .append(" above, and TLS record bytes each side sent during one handshake (mean of ").append(WIRE_SAMPLES)
                .append(" handshakes; no TCP/IP headers). `jar`: the drop-in jar's `SSLUtils`, OPENSSL, EC P-256, TLS 1.3,")
                .append(" pinned (`sha256/`); `hybrid` is the default (`X25519MLKEM768,X25519,P-256`), `X25519` sets")
                .append(" `security.ssl.internal.key-exchange-groups: X25519`. Flink's documented default: JDK, TLS 1.2,")
                .append(" `TLS_RSA_WITH_AES_128_CBC_SHA`, Netty with the JDK's standard trust manager, with RSA-4096 keys as")
                .append(" Flink's docs generate them (the reference of the handshake section's target) and with keytool's")
                .append(" default RSA-2048, which handshakes faster and so is the harder reference. Two certificate layouts,")
                .append(" the same for every setting: `CA-issued`, a CA issues the node's certificate and the truststore")
                .append(" holds the CA (cert-manager, a company CA); `self-signed`, Flink's documented internal setup, one")
                .append(" self-signed certificate that is both the keystore's and the truststore's, so the chain check")
                .append(" finds the peer's certificate among the trust anchors. `paired by round`: the geometric mean of")
                .append(" each round's ratio with its 95 % interval (Student's t).\n\n")
                .append("| certificates | setting | negotiated | handshakes/s | client → server bytes | server → client bytes |")
                .append(" bytes per handshake |\n|---|---|---|---|---|---|---|\n");
        List<Rates> rates = new ArrayList<>();
        for (InternalTls.Layout layout : LAYOUTS) {
            rates.add(new Rates(all, layout));
        }
        for (int i = 0; i < LAYOUTS.length; i++) {
            String layout = label(LAYOUTS[i]);
            List<Wire> wire = perLayout.get(i);
            Rates rate = rates.get(i);
            row(out, layout, "jar, hybrid (default)", wire.get(0), rate.hybrid);
            row(out, layout, "jar, X25519", wire.get(1), rate.x25519);
            row(out, layout, "Flink's documented default, RSA-2048", wire.get(2), rate.flink2048);
            row(out, layout, "Flink's documented default, RSA-4096", wire.get(3), rate.flink4096);
        }
        out.append('\n');
        for (int i = 0; i < LAYOUTS.length; i++) {
            List<Wire> wire = perLayout.get(i);
            Rates rate = rates.get(i);
            Optional<Measurement> hybrid = rate.hybrid;
            Optional<Measurement> x25519 = rate.x25519;
            out.append("- **").append(label(LAYOUTS[i])).append("**: hybrid against X25519 **").append(Measurement.ratio(hybrid, x25519))
                    .append("x** the handshakes per second, **")
                    .append(String.format(Locale.ROOT, "%+,.0f", wire.get(0).total() - wire.get(1).total()))
                    .append("** bytes per handshake (").append(String.format(Locale.ROOT, "%+.0f",
                            wire.get(1).total() == 0 ? 0 : 100 * (wire.get(0).total() / wire.get(1).total() - 1)))
                    .append("%). Target, the hybrid default against Flink's documented default (at least 20x): **")
                    .append(Measurement.ratio(hybrid, rate.flink4096)).append("x** with RSA-4096 (paired by round ")
                    .append(PairedRatio.figure(hybrid, rate.flink4096)).append("), **").append(Measurement.ratio(hybrid, rate.flink2048))
                    .append("x** with RSA-2048. With X25519 instead: **").append(Measurement.ratio(x25519, rate.flink4096))
                    .append("x** and **").append(Measurement.ratio(x25519, rate.flink2048)).append("x**.\n");
        }
        return out.append('\n').toString();
    }

    private static String label(InternalTls.Layout layout) {
        return layout == InternalTls.Layout.CA_ISSUED ? "CA-issued" : "self-signed";
    }

    private static void row(StringBuilder out, String layout, String name, Wire wire, Optional<Measurement> rate) {
        out.append("| ").append(layout).append(" | ").append(name).append(" | ").append(wire.group).append(", ").append(wire.suite)
                .append(" | ").append(rate.map(Measurement::figure).orElse("–"))
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f", wire.clientBytes))
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f", wire.serverBytes))
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f", wire.total())).append(" |\n");
    }

    /** One layout's four handshake rates; "" for a parameter the benchmark does not have. */
    private static final class Rates {
        final Optional<Measurement> hybrid;
        final Optional<Measurement> x25519;
        final Optional<Measurement> flink2048;
        final Optional<Measurement> flink4096;

        Rates(List<Measurement> all, InternalTls.Layout layout) {
            hybrid = find(all, "jar", "hybrid", "", layout);
            x25519 = find(all, "jar", "X25519", "", layout);
            flink2048 = find(all, "flinksDefault", "", "RSA_2048", layout);
            flink4096 = find(all, "flinksDefault", "", "RSA_4096", layout);
        }

        private static Optional<Measurement> find(
                List<Measurement> all, String method, String groups, String key, InternalTls.Layout layout) {
            return Measurement.find(all, method, "groups", groups, "key", key, "certificates", layout.name());
        }
    }
}
