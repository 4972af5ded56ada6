package io.github.flinksslext.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code check} found, printed as text or JSON. Never holds a secret. */
final class CheckReport {

    /** A warning or a problem, with the option it concerns where there is one. */
    static final class Finding {
        final String option;
        final String message;

        Finding(String option, String message) {
            this.option = option;
            this.message = message;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("option", option);
            json.put("message", message);
            return json;
        }
    }

    /** One context Flink asks for: its engine and what it offers. */
    static final class Side {
        final String name;
        final String provider;
        final List<String> protocols;
        final List<String> cipherSuites;

        Side(String name, String provider, List<String> protocols, List<String> cipherSuites) {
            this.name = name;
            this.provider = provider;
            this.protocols = protocols;
            this.cipherSuites = cipherSuites;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("side", name);
            json.put("provider", provider);
            json.put("protocols", protocols);
            json.put("cipherSuites", cipherSuites);
            return json;
        }
    }

    /** A private key entry of a keystore: its certificate, then the rest of its chain. */
    static final class OwnCertificate {
        final String alias;
        final List<CertificateFacts> chain;

        OwnCertificate(String alias, List<CertificateFacts> chain) {
            this.alias = alias;
            this.chain = chain;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("alias", alias);
            List<Object> certificates = new ArrayList<>();
            chain.forEach(c -> certificates.add(c.toJson()));
            json.put("chain", certificates);
            return json;
        }
    }

    /** A configured pin and the certificates in the stores it matches. */
    static final class PinMatch {
        final String pin;
        final String kind;
        final List<String> matches;

        PinMatch(String pin, String kind, List<String> matches) {
            this.pin = pin;
            this.kind = kind;
            this.matches = matches;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pin", pin);
            json.put("kind", kind);
            json.put("matches", matches);
            return json;
        }
    }

    /** One endpoint (internal or REST). */
    static final class Endpoint {
        final String name;
        final String planes;
        boolean mutual;
        String factory;
        final List<Side> sides = new ArrayList<>();
        String handshake;
        String keystore;
        final List<OwnCertificate> certificates = new ArrayList<>();
        String truststore;
        final List<CertificateFacts> trusted = new ArrayList<>();
        String pinsOption;
        boolean pinOnly;
        final List<PinMatch> pins = new ArrayList<>();
        String hostnameVerification;

        Endpoint(String name, String planes) {
            this.name = name;
            this.planes = planes;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("endpoint", name);
            json.put("planes", planes);
            json.put("mutualTls", mutual);
            json.put("contextFactory", factory);
            List<Object> sideList = new ArrayList<>();
            sides.forEach(s -> sideList.add(s.toJson()));
            json.put("contexts", sideList);
            json.put("handshake", handshake);
            json.put("keystore", keystore);
            List<Object> own = new ArrayList<>();
            certificates.forEach(c -> own.add(c.toJson()));
            json.put("certificates", own);
            json.put("truststore", truststore);
            List<Object> anchors = new ArrayList<>();
            trusted.forEach(c -> anchors.add(c.toJson()));
            json.put("trusted", anchors);
            Map<String, Object> pinning = new LinkedHashMap<>();
            pinning.put("option", pinsOption);
            pinning.put("pinOnly", pinOnly);
            List<Object> pinList = new ArrayList<>();
            pins.forEach(p -> pinList.add(p.toJson()));
            pinning.put("pins", pinList);
            json.put("pinning", pinning);
            if (hostnameVerification != null) {
                json.put("hostnameVerification", hostnameVerification);
            }
            return json;
        }
    }

    /** What Flink's RPC layer (Pekko) will be given. */
    static final class Rpc {
        boolean tls;
        String protocol;
        List<String> cipherSuites = new ArrayList<>();
        String trust;
        String handshake;
        boolean works;

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tls", tls);
            json.put("protocol", protocol);
            json.put("cipherSuites", cipherSuites);
            json.put("trust", trust);
            json.put("handshake", handshake);
            json.put("works", works);
            return json;
        }
    }

    final String source;
    final String flinkVersion;
    final List<Endpoint> endpoints = new ArrayList<>();
    Rpc rpc;
    final List<Finding> warnings = new ArrayList<>();
    final List<Finding> problems = new ArrayList<>();

    CheckReport(String source, String flinkVersion) {
        this.source = source;
        this.flinkVersion = flinkVersion;
    }

    void warn(String option, String message) {
        add(warnings, option, message);
    }

    void problem(String option, String message) {
        add(problems, option, message);
    }

    private static void add(List<Finding> findings, String option, String message) {
        for (Finding known : findings) {
            if (known.message.equals(message)) {
                return; // the same refusal from the server and the client side
            }
        }
        findings.add(new Finding(option, message));
    }

    int exitCode() {
        return problems.isEmpty() ? 0 : 1;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("configuration", source);
        json.put("flinkVersion", flinkVersion);
        List<Object> endpointList = new ArrayList<>();
        endpoints.forEach(e -> endpointList.add(e.toJson()));
        json.put("endpoints", endpointList);
        json.put("rpc", rpc == null ? null : rpc.toJson());
        List<Object> warningList = new ArrayList<>();
        warnings.forEach(w -> warningList.add(w.toJson()));
        json.put("warnings", warningList);
        List<Object> problemList = new ArrayList<>();
        problems.forEach(p -> problemList.add(p.toJson()));
        json.put("problems", problemList);
        json.put("exitCode", exitCode());
        return json;
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append("flink-ssl-ext check of ").append(Text.safe(source)).append(" (Flink ").append(flinkVersion).append(")\n");
        if (endpoints.isEmpty()) {
            out.append("\nTLS is off for internal and REST endpoints.\n");
        }
        for (Endpoint endpoint : endpoints) {
            out.append('\n').append(endpoint.name).append(" TLS (").append(endpoint.planes).append("): on, ")
                    .append(endpoint.mutual ? "mutual TLS" : "server authentication only").append('\n');
            if (endpoint.factory != null) {
                field(out, "  ", "factory", endpoint.factory);
            }
            for (Side side : endpoint.sides) {
                field(out, "  ", side.name, side.provider);
                field(out, "    ", "protocols", String.join(", ", side.protocols));
                field(out, "    ", "suites", String.join(", ", side.cipherSuites));
            }
            if (endpoint.handshake != null) {
                field(out, "  ", "handshake", endpoint.handshake);
            }
            if (endpoint.keystore != null) {
                field(out, "  ", "keystore", Text.safe(endpoint.keystore));
                for (OwnCertificate own : endpoint.certificates) {
                    out.append("    certificate '").append(Text.safe(own.alias)).append("'\n");
                    own.chain.get(0).print(out, "      ");
                    for (int i = 1; i < own.chain.size(); i++) {
                        out.append("      issued by (chain)\n");
                        own.chain.get(i).print(out, "        ");
                    }
                }
            }
            if (endpoint.truststore != null) {
                field(out, "  ", "truststore", Text.safe(endpoint.truststore));
                for (CertificateFacts anchor : endpoint.trusted) {
                    out.append("    trusts\n");
                    anchor.print(out, "      ");
                }
            }
            if (endpoint.pinsOption == null) {
                field(out, "  ", "pins", "none");
            } else {
                field(out, "  ", "pins", "'" + endpoint.pinsOption + "'" + (endpoint.pinOnly
                        ? ": pins ONLY, the chain is not checked (pin-only)" : ": chain checked, then pins"));
                for (PinMatch pin : endpoint.pins) {
                    out.append("    ").append(pin.pin).append('\n').append("      ")
                            .append(pin.matches.isEmpty() ? "matches no certificate in these stores"
                                    : "matches " + Text.safe(String.join("; ", pin.matches)))
                            .append('\n');
                }
            }
            if (endpoint.hostnameVerification != null) {
                field(out, "  ", "hostname verification", Text.safe(endpoint.hostnameVerification));
            }
        }
        if (rpc != null) {
            out.append("\nRPC (Pekko): ");
            if (!rpc.tls) {
                out.append("PLAINTEXT (pekko.ssl.enabled: false)\n");
            } else if (rpc.protocol == null) {
                out.append("cannot start its TLS (see the problems below)\n");
            } else {
                out.append(rpc.protocol).append(" with ").append(String.join(", ", rpc.cipherSuites)).append(" (JDK engine)\n");
                field(out, "  ", "trust", rpc.trust);
                field(out, "  ", "handshake", rpc.handshake == null ? "-" : rpc.handshake);
                field(out, "  ", "works", rpc.works ? "yes" : "NO");
            }
        }
        if (!warnings.isEmpty()) {
            out.append("\nWarnings (").append(warnings.size()).append(")\n");
            for (Finding warning : warnings) {
                out.append("  - ").append(Text.safeLines(warning.message, "    ")).append('\n');
            }
        }
        if (!problems.isEmpty()) {
            out.append("\nProblems (").append(problems.size()).append(")\n");
            for (Finding problem : problems) {
                out.append("  - ").append(Text.safeLines(problem.message, "    ")).append('\n');
            }
        }
        out.append("\nResult: ").append(problems.isEmpty() ? "OK" : "FAILED").append(", ")
                .append(plural(problems.size(), "problem")).append(", ").append(plural(warnings.size(), "warning"))
                .append('\n');
        return out.toString();
    }

    private static String plural(int count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }

    private static void field(StringBuilder out, String indent, String label, String value) {
        Text.field(out, indent, 12, label, value);
    }
}
