package io.github.flinksslext.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code pins}: every pin form of the certificates in a store, a PEM file, or a live server's chain. */
@Command(
        name = "pins",
        mixinStandardHelpOptions = true,
        description = {"Prints each certificate of a keystore or truststore (PKCS12, JKS), a PEM or DER certificate file, or the chain a TLS server presents (host:port; read with a client that trusts anything, SNI = host), with its SHA-1 and SHA-256 fingerprints and its sha256/ public-key pin: the forms security.ssl.internal.cert.fingerprint and security.ssl.rest.cert.fingerprint take.", "Exit codes: 0 ok, 1 cannot read or reach, 2 usage errors."})
final class PinsCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "FLINK_SSL_EXT_STORE_PASSWORD";

    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file or host:port>",
            description = "A keystore, truststore or certificate file, or host:port of a TLS server.")
    String target;

    @Option(names = "--password", paramLabel = "<password>", defaultValue = "${env:" + PASSWORD_VARIABLE + "}",
            description = "The store's password (PKCS12 and JKS). Default: $" + PASSWORD_VARIABLE + ", which keeps it out of the process list.")
    String password;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "For host:port: how long to wait for the connection and the chain (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    CheckCommand.Format format;

    /** One certificate and where it was found. */
    private static final class Found {
        final String where;
        final CertificateFacts facts;

        Found(String where, X509Certificate certificate, Instant now) {
            this.where = where;
            this.facts = new CertificateFacts(certificate, now);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path file = Paths.get(target);
        String source;
        String session = null;
        List<Found> found = new ArrayList<>();
        Instant now = Instant.now();
        if (Files.isRegularFile(file)) {
            source = file.toString();
            String problem = readFile(file, found, now);
            if (problem != null) {
                spec.commandLine().getErr().println("flink-ssl-ext pins: " + Text.safe(problem));
                return FlinkSslExtCli.PROBLEMS;
            }
        } else {
            HostAndPort address = HostAndPort.parse(target);
            if (address == null) {
                throw new ParameterException(spec.commandLine(), "'" + target + "' is neither a file nor host:port");
            }
            source = address.toString();
            try {
                session = readChain(address, found, now);
            } catch (IOException | GeneralSecurityException e) {
                spec.commandLine().getErr().println("flink-ssl-ext pins: cannot read the chain of " + address + ": "
                        + Text.safe(ConfigurationCheck.causes(e)));
                return FlinkSslExtCli.PROBLEMS;
            }
        }
        spec.commandLine().getOut().print(format == CheckCommand.Format.json ? json(source, session, found)
                : text(source, session, found));
        spec.commandLine().getOut().flush();
        return FlinkSslExtCli.OK;
    }

    private static String text(String source, String session, List<Found> found) {
        StringBuilder out = new StringBuilder();
        out.append(Text.safe(source)).append(": ").append(found.size())
                .append(found.size() == 1 ? " certificate" : " certificates");
        if (session != null) {
            out.append(" (").append(session).append(')');
        }
        out.append('\n');
        for (int i = 0; i < found.size(); i++) {
            out.append('\n').append('[').append(i + 1).append("] ").append(Text.safe(found.get(i).where)).append('\n');
            found.get(i).facts.print(out, "    ");
        }
        out.append("\nAny of SHA-1, SHA-256 and the key pin works in security.ssl.internal.cert.fingerprint and")
                .append(" security.ssl.rest.cert.fingerprint;\nlist several, separated by commas. A key pin survives")
                .append(" re-issuing the certificate for the same key;\na pin of a dedicated intermediate CA survives every")
                .append(" renewal, new keys included (a pin may match any CA on the peer's validated chain).\n");
        return out.toString();
    }

    private static String json(String source, String session, List<Found> found) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("session", session);
        List<Object> certificates = new ArrayList<>();
        for (Found one : found) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("where", one.where);
            entry.putAll(one.facts.toJson());
            certificates.add(entry);
        }
        json.put("certificates", certificates);
        return Json.write(json);
    }

    /** Null when read; otherwise what went wrong. */
    private String readFile(Path file, List<Found> found, Instant now) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            Matcher matcher = PEM_CERTIFICATE.matcher(text);
            List<X509Certificate> certificates = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                while (matcher.find()) {
                    byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            } catch (CertificateException | IllegalArgumentException e) {
                return "'" + file + "' holds a PEM certificate that cannot be read: " + e.getMessage();
            }
            if (certificates.isEmpty()) {
                return "'" + file + "' is PEM but holds no CERTIFICATE block (a key alone has no certificate pin)";
            }
            for (int i = 0; i < certificates.size(); i++) {
                found.add(new Found("PEM certificate " + (i + 1) + " of " + certificates.size(), certificates.get(i), now));
            }
            return null;
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) cert);
            }
            if (!certificates.isEmpty()) {
                for (int i = 0; i < certificates.size(); i++) {
                    found.add(new Found("DER certificate " + (i + 1) + " of " + certificates.size(), certificates.get(i), now));
                }
                return null;
            }
        } catch (CertificateException e) {
            // not a certificate: a store
        }
        return readStore(file, found, now);
    }

    private String readStore(Path file, List<Found> found, Instant now) {
        if (password == null) {
            throw new ParameterException(spec.commandLine(), "'" + file + "' is not a certificate file; if it is a"
                    + " keystore or truststore, give its password with --password or $" + PASSWORD_VARIABLE);
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                return "the password does not open '" + file + "'";
            }
            return "'" + file + "' is neither a certificate file nor a PKCS12 or JKS store: " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return "'" + file + "' is neither a certificate file nor a PKCS12 or JKS store: " + e.getMessage();
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    for (int i = 0; chain != null && i < chain.length; i++) {
                        found.add(new Found("alias '" + alias + "' (private key entry), certificate " + (i + 1) + " of "
                                + chain.length + (i == 0 ? "" : ", its issuer's"), (X509Certificate) chain[i], now));
                    }
                } else if (store.getCertificate(alias) instanceof X509Certificate) {
                    found.add(new Found("alias '" + alias + "' (trusted certificate)",
                            (X509Certificate) store.getCertificate(alias), now));
                }
            }
        } catch (GeneralSecurityException e) {
            return "'" + file + "' cannot be listed: " + e.getMessage();
        }
        return found.isEmpty() ? "'" + file + "' holds no certificate" : null;
    }

    /** Connects, reads the chain the server presents, and returns the session's protocol and suite. */
    private String readChain(HostAndPort address, List<Found> found, Instant now) throws IOException, GeneralSecurityException {
        ChainRecorder recorder = new ChainRecorder();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        String session;
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address.host, address.port), timeoutSeconds * 1000);
            socket.setSoTimeout(timeoutSeconds * 1000);
            SSLParameters parameters = socket.getSSLParameters();
            if (!address.isIpLiteral()) {
                parameters.setServerNames(Collections.singletonList(new SNIHostName(address.host)));
            }
            socket.setSSLParameters(parameters);
            try {
                socket.startHandshake();
                session = socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
            } catch (IOException e) {
                if (recorder.chain == null) {
                    throw e;
                }
                // a server that requires a client certificate refuses us after presenting its chain
                session = "handshake not completed: " + ConfigurationCheck.causes(e);
            }
        }
        if (recorder.chain == null || recorder.chain.length == 0) {
            throw new IOException("the server presented no certificate");
        }
        for (int i = 0; i < recorder.chain.length; i++) {
            found.add(new Found("presented by " + address + ", certificate " + (i + 1) + " of " + recorder.chain.length
                    + (i == 0 ? " (the server's own)" : ""), recorder.chain[i], now));
        }
        return session;
    }

    /** Trusts anything and keeps the chain: only for reading it, never for talking. */
    private static final class ChainRecorder extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) {
            chain = presented.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
            chain = presented.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
            chain = presented.clone();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** {@code host:port} or {@code [ipv6]:port}. */
    static final class HostAndPort {
        final String host;
        final int port;

        private HostAndPort(String host, int port) {
            this.host = host;
            this.port = port;
        }

        static HostAndPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                return null;
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                return null;
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                return port > 0 && port < 65536 && !host.isEmpty() ? new HostAndPort(host, port) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        boolean isIpLiteral() {
            return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
