package io.github.flinksslext.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code generate}: the TLS material of a Flink cluster in one step, with the JDK's keytool (see
 * {@link Keytool}), and a configuration snippet and a curl line that use it.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Writes into <dir>: internal TLS material (a self-signed certificate, or one signed by a generated or given CA); a REST CA, a REST server certificate for the --san names and an operator client certificate as PKCS12 (browsers import it for the web UI) and PEM (for curl); PKCS12 stores; a config.yaml snippet (tls-config.yaml) with pins filled in; and prints a curl line that works. EC P-256 keys unless --key-type RSA. Files with keys or passwords are readable by their owner only.", "Exit codes: 0 written, 1 failed, 2 usage errors."})
final class GenerateCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "FLINK_SSL_EXT_PASSWORD";
    static final String CA_PASSWORD_VARIABLE = "FLINK_SSL_EXT_CA_PASSWORD";
    static final String SNIPPET = "tls-config.yaml";

    /** One protocol, and suites for it: Flink's RPC layer (Pekko) takes exactly one protocol. */
    static final String PROTOCOL = "TLSv1.3";
    static final String SUITES = "TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256";

    private static final String WORK_VARIABLE = "FLINK_SSL_EXT_WORK_PASSWORD";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    enum KeyType { EC, RSA }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dir>", description = "Folder to write into (created; files in it are never overwritten).")
    Path dir;

    @Option(names = "--san", split = ",", paramLabel = "<name>", defaultValue = "localhost,127.0.0.1",
            description = "Names of the REST server certificate: DNS names and IP addresses, comma-separated or repeated; the first is its CN and the curl line's host (default: ${DEFAULT-VALUE}).")
    List<String> sans;

    @Option(names = "--internal-ca", paramLabel = "<self-signed|generate|file>", defaultValue = "self-signed",
            description = "Internal certificate: self-signed (Flink's documented set-up), signed by a generated CA, or by the CA key in a PKCS12/JKS file (default: ${DEFAULT-VALUE}). Always pinned.")
    String internalCa;

    @Option(names = "--rest-ca", paramLabel = "<generate|file>", defaultValue = "generate",
            description = "CA of the REST server and client certificates: generated, or the CA key in a PKCS12/JKS file.")
    String restCa;

    @Option(names = "--ca-password", paramLabel = "<password>", defaultValue = "${env:" + CA_PASSWORD_VARIABLE + "}",
            description = "Password of a given CA file. Default: $" + CA_PASSWORD_VARIABLE + ".")
    String caPassword;

    @Option(names = "--key-type", defaultValue = "EC", paramLabel = "<EC|RSA>",
            description = "EC (P-256, fast handshakes) or RSA (default: ${DEFAULT-VALUE}).")
    KeyType keyType;

    @Option(names = "--rsa-bits", defaultValue = "2048", paramLabel = "<bits>",
            description = "RSA key size, 2048 or more (default: ${DEFAULT-VALUE}); RSA-4096 handshakes are far slower.")
    int rsaBits;

    @Option(names = "--days", defaultValue = "365", paramLabel = "<days>",
            description = "Validity of the certificates (default: ${DEFAULT-VALUE}); generated CAs get ten times that.")
    int days;

    @Option(names = "--client-name", defaultValue = "flink-operator", paramLabel = "<name>",
            description = "CN of the operator's client certificate (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--password", paramLabel = "<password>", defaultValue = "${env:" + PASSWORD_VARIABLE + "}",
            description = "Password of every store written. Default: $" + PASSWORD_VARIABLE + "; without either, one is generated and written to <dir>/password (owner-only), never to the terminal.")
    String password;

    @Option(names = "--install-dir", paramLabel = "<dir>",
            description = "Where the files will be on the Flink hosts, for the paths in the snippet (default: <dir>).")
    Path installDir;

    @Option(names = "--rest-port", defaultValue = "8081", paramLabel = "<port>",
            description = "REST port for the curl line (default: ${DEFAULT-VALUE}, Flink's).")
    int restPort;

    /** A CA that issues certificates through keytool: its store, alias and chain. */
    private static final class Ca {
        final Path store;
        final String alias;
        final String passwordVariable;
        final PrivateKey key;
        final X509Certificate[] chain;

        Ca(Path store, String alias, String passwordVariable, PrivateKey key, X509Certificate[] chain) {
            this.store = store;
            this.alias = alias;
            this.passwordVariable = passwordVariable;
            this.key = key;
            this.chain = chain;
        }

        X509Certificate root() {
            return chain[chain.length - 1];
        }
    }

    /** A key and its chain, leaf first. */
    private static final class Issued {
        final PrivateKey key;
        final X509Certificate[] chain;

        Issued(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        X509Certificate leaf() {
            return chain[0];
        }
    }

    private Keytool keytool;
    private Path work;
    private String workPassword;

    @Override
    public Integer call() throws Exception {
        validate();
        boolean newDir = !Files.exists(dir);
        Files.createDirectories(dir);
        if (newDir) {
            ownerOnly(dir, "rwx------");
        }
        MaterialFiles files = new MaterialFiles(dir.toAbsolutePath().normalize());
        try {
            files.requireAbsent("internal.keystore.p12", "internal.truststore.p12", "internal-ca.p12", "rest.keystore.p12",
                    "rest.truststore.p12", "rest-ca.p12", "rest-ca.pem", "client.p12", "client.pem", "client.key.pem",
                    SNIPPET, "password");
        } catch (FileAlreadyExistsException e) {
            throw new ParameterException(spec.commandLine(), "'" + e.getFile() + "' exists; generate never overwrites"
                    + " keys: name an empty or new folder");
        }
        boolean generatedPassword = password == null || password.isEmpty();
        String storePassword = generatedPassword ? randomPassword() : password;
        workPassword = randomPassword();
        Map<String, String> environment = new HashMap<>();
        environment.put(WORK_VARIABLE, workPassword);
        if (caPassword != null) {
            environment.put(CA_PASSWORD_VARIABLE, caPassword);
        }
        keytool = new Keytool(environment);
        Path scratch = Files.createTempDirectory("flink-ssl-ext-generate");
        ownerOnly(scratch, "rwx------");
        work = scratch.resolve("work.p12");
        try {
            return generate(files, storePassword, generatedPassword);
        } finally {
            try (Stream<Path> entries = Files.walk(scratch)) {
                entries.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int generate(MaterialFiles files, String storePassword, boolean generatedPassword) throws Exception {
        StoreFormat format = new StoreFormat.Pkcs12(storePassword);
        Path installed = installDir == null ? files.dir() : installDir;
        Function<Path, String> onHosts = file -> installed.resolve(file.getFileName()).toString();
        List<String> written = new ArrayList<>();

        // internal: one certificate for every process, trusted and pinned
        Issued internal;
        X509Certificate internalAnchor;
        String internalWhat;
        if (internalCa.equals("self-signed")) {
            internal = selfSigned("internal", "CN=flink-internal");
            internalAnchor = internal.leaf();
            internalWhat = "self-signed certificate, trusted as itself";
        } else {
            Ca ca = internalCa.equals("generate") ? newCa("internal-ca", "CN=flink-internal-ca") : givenCa(internalCa);
            internal = issue(ca, "internal", "CN=flink-internal", "EKU=serverAuth,clientAuth");
            internalAnchor = ca.root();
            internalWhat = "certificate signed by the CA '" + ca.root().getSubjectX500Principal().getName() + "'";
            if (ca.key != null) {
                files.keyStore("internal-ca.p12", "internal-ca", ca.key, ca.chain, storePassword.toCharArray());
                written.add(file("internal-ca.p12", "internal CA key: keep it offline; issue further certificates with it"));
            }
        }
        Map<String, String> internalOptions = new LinkedHashMap<>();
        internalOptions.put("security.ssl.internal.enabled", "true");
        internalOptions.putAll(format.keyStore(files, "internal", internal.key, internal.chain, onHosts));
        internalOptions.putAll(format.trustStore(files, "internal", new X509Certificate[] {internalAnchor}, onHosts));
        CertificateFacts internalFacts = new CertificateFacts(internal.leaf(), Instant.now());
        internalOptions.put("security.ssl.internal.cert.fingerprint", internalFacts.sha256);
        written.add(0, file("internal.keystore.p12", "internal key and " + internalWhat));
        written.add(1, file("internal.truststore.p12", "what internal peers trust"));

        // REST: a CA, the server's certificate, the operator's client certificate
        Ca restAuthority = restCa.equals("generate") ? newCa("rest-ca", "CN=flink-rest-ca") : givenCa(restCa);
        // serverAuth and clientAuth: Flink's own REST clients (the CLI) present the REST keystore under mutual TLS
        Issued server = issue(restAuthority, "rest", "CN=" + rdn(sans.get(0)), "SAN=" + sanExtension(),
                "EKU=serverAuth,clientAuth");
        Issued client = issue(restAuthority, "client", "CN=" + rdn(clientName), "EKU=clientAuth");
        Map<String, String> restOptions = new LinkedHashMap<>();
        restOptions.put("security.ssl.rest.enabled", "true");
        restOptions.put("security.ssl.rest.authentication-enabled", "true");
        restOptions.putAll(format.keyStore(files, "rest", server.key, server.chain, onHosts));
        restOptions.putAll(format.trustStore(files, "rest", new X509Certificate[] {restAuthority.root()}, onHosts));
        CertificateFacts serverFacts = new CertificateFacts(server.leaf(), Instant.now());
        CertificateFacts clientFacts = new CertificateFacts(client.leaf(), Instant.now());
        restOptions.put("security.ssl.rest.cert.fingerprint", serverFacts.sha256 + "," + clientFacts.sha256);
        if (restAuthority.key != null) {
            files.keyStore("rest-ca.p12", "rest-ca", restAuthority.key, restAuthority.chain, storePassword.toCharArray());
        }
        Path caPem = files.text("rest-ca.pem", MaterialFiles.pem(restAuthority.root()), false);
        files.keyStore("client.p12", clientName, client.key, client.chain, storePassword.toCharArray());
        Path clientPem = files.text("client.pem", MaterialFiles.pem((Certificate[]) client.chain), false);
        Path clientKey = files.text("client.key.pem", MaterialFiles.pem(client.key), true);
        written.add(file("rest.keystore.p12", "REST server key and certificate for " + String.join(", ", sans)));
        written.add(file("rest.truststore.p12", "the REST CA: servers check client certificates, clients the server"));
        if (restAuthority.key != null) {
            written.add(file("rest-ca.p12", "REST CA key: keep it offline; issue further client certificates with it"));
        }
        written.add(file("rest-ca.pem", "the REST CA certificate, for curl --cacert and browsers"));
        written.add(file("client.p12", "operator key and certificate '" + clientName + "' (import into a browser)"));
        written.add(file("client.pem", "operator certificate chain, for curl --cert"));
        written.add(file("client.key.pem", "operator private key, for curl --key"));

        String snippet = snippet(internalOptions, restOptions, internalWhat, internalFacts, serverFacts, clientFacts);
        files.text(SNIPPET, snippet, true);
        written.add(file(SNIPPET, "the Flink options (holds the store password)"));
        if (generatedPassword) {
            files.text("password", storePassword + "\n", true);
            written.add(file("password", "the generated store password"));
        }

        StringBuilder out = new StringBuilder();
        out.append("Wrote to ").append(Text.safe(files.dir().toString())).append(" (keys and passwords readable by their owner only):\n");
        for (String line : written) {
            out.append("  ").append(Text.safe(line)).append('\n');
        }
        out.append("\nPins (SHA-256) in ").append(SNIPPET).append(":\n");
        out.append("  internal  ").append(internalFacts.sha256).append("  ").append(Text.safe(internalFacts.subject)).append('\n');
        out.append("  REST      ").append(serverFacts.sha256).append("  ").append(Text.safe(serverFacts.subject)).append('\n');
        out.append("  operator  ").append(clientFacts.sha256).append("  ").append(Text.safe(clientFacts.subject)).append('\n');
        out.append("\nStore password: ").append(generatedPassword
                ? "generated, in " + files.dir().resolve("password") + " and " + SNIPPET
                : "as given, in " + SNIPPET).append('\n');
        out.append("\nNext:\n");
        out.append("  1. java -jar <flink>/lib/flink-ssl-ext-<version>.jar check ").append(files.dir().resolve(SNIPPET)).append('\n');
        out.append("  2. put the files at ").append(installed).append(" on every Flink host and add ").append(SNIPPET)
                .append(" to conf/config.yaml\n");
        out.append("  3. start Flink, then:\n");
        out.append(curl(caPem, clientPem, clientKey)).append('\n');
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return FlinkSslExtCli.OK;
    }

    private static String file(String name, String what) {
        return String.format("%-24s %s", name, what);
    }

    private void validate() {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be 1 or more");
        }
        if (keyType == KeyType.RSA && rsaBits < 2048) {
            throw new ParameterException(spec.commandLine(), "--rsa-bits must be 2048 or more");
        }
        if (restPort < 1 || restPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--rest-port must be a port number");
        }
        List<String> names = new ArrayList<>();
        for (String san : sans) {
            String name = san.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isIp(name) && !name.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                throw new ParameterException(spec.commandLine(), "--san '" + Text.safe(name)
                        + "' is neither a DNS name nor an IP address");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--san needs at least one name");
        }
        sans = names;
        if (clientName.trim().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--client-name must not be empty");
        }
        for (String ca : new String[] {internalCa, restCa}) {
            boolean keyword = ca.equals("generate") || ca.equals("self-signed");
            if (!keyword && !Files.isRegularFile(java.nio.file.Paths.get(ca))) {
                throw new ParameterException(spec.commandLine(), "no CA file '" + Text.safe(ca) + "'");
            }
            if (!keyword && caPassword == null) {
                throw new ParameterException(spec.commandLine(), "the CA file '" + Text.safe(ca) + "' needs its password:"
                        + " --ca-password or $" + CA_PASSWORD_VARIABLE);
            }
        }
        if (restCa.equals("self-signed")) {
            throw new ParameterException(spec.commandLine(), "--rest-ca takes generate or a CA file: REST clients need"
                    + " certificates of a CA");
        }
    }

    private static boolean isIp(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (name.indexOf(':') >= 0 && name.matches("[0-9A-Fa-f:.]+"));
    }

    private String sanExtension() {
        List<String> entries = new ArrayList<>();
        for (String name : sans) {
            entries.add((isIp(name) ? "ip:" : "dns:") + name);
        }
        return String.join(",", entries);
    }

    /** keytool's arguments for a key pair of the chosen type. */
    private List<String> keyArguments() {
        return keyType == KeyType.EC
                ? Arrays.asList("-keyalg", "EC", "-groupname", "secp256r1")
                : Arrays.asList("-keyalg", "RSA", "-keysize", Integer.toString(rsaBits));
    }

    private void genkeypair(String alias, String dname, int validityDays, String... extensions) throws IOException {
        List<String> arguments = new ArrayList<>(Arrays.asList("-genkeypair", "-alias", alias, "-dname", dname,
                "-validity", Integer.toString(validityDays)));
        arguments.addAll(keyArguments());
        for (String extension : extensions) {
            arguments.add("-ext");
            arguments.add(extension);
        }
        arguments.addAll(workStore());
        keytool.run(null, arguments.toArray(new String[0]));
    }

    private List<String> workStore() {
        return Arrays.asList("-keystore", work.toString(), "-storetype", "PKCS12",
                "-storepass:env", WORK_VARIABLE, "-keypass:env", WORK_VARIABLE);
    }

    private Issued selfSigned(String alias, String dname) throws IOException, GeneralSecurityException {
        genkeypair(alias, dname, days);
        return fromWork(alias);
    }

    private Ca newCa(String alias, String dname) throws IOException, GeneralSecurityException {
        genkeypair(alias, dname, days * 10, "BC:c=ca:true,pathlen:0", "KU:c=keyCertSign,cRLSign");
        Issued ca = fromWork(alias);
        return new Ca(work, alias, WORK_VARIABLE, ca.key, ca.chain);
    }

    private Ca givenCa(String file) throws IOException, GeneralSecurityException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(java.nio.file.Paths.get(file).toFile(), caPassword.toCharArray());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot open the CA file '" + Text.safe(file) + "' with"
                    + " the CA password: " + Text.safe(ConfigurationCheck.causes(e)));
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Certificate[] chain = store.getCertificateChain(alias);
                X509Certificate[] x509 = Arrays.copyOf(chain, chain.length, X509Certificate[].class);
                if (x509[0].getBasicConstraints() < 0) {
                    throw new ParameterException(spec.commandLine(), "the key '" + Text.safe(alias) + "' in '"
                            + Text.safe(file) + "' is not a CA's (its certificate has no basic constraints CA:true)");
                }
                return new Ca(java.nio.file.Paths.get(file).toAbsolutePath(), alias, CA_PASSWORD_VARIABLE, null, x509);
            }
        }
        throw new ParameterException(spec.commandLine(), "the CA file '" + Text.safe(file) + "' holds no private key");
    }

    /** A key pair, a signing request, and the CA's certificate for it: keytool's three steps. */
    private Issued issue(Ca ca, String alias, String dname, String... extensions) throws IOException, GeneralSecurityException {
        genkeypair(alias, dname, days);
        List<String> request = new ArrayList<>(Arrays.asList("-certreq", "-alias", alias));
        request.addAll(workStore());
        byte[] csr = keytool.run(null, request.toArray(new String[0]));
        List<String> signing = new ArrayList<>(Arrays.asList("-gencert", "-rfc", "-alias", ca.alias,
                "-validity", Integer.toString(days), "-keystore", ca.store.toString(),
                "-storepass:env", ca.passwordVariable, "-keypass:env", ca.passwordVariable));
        for (String extension : extensions) {
            signing.add("-ext");
            signing.add(extension);
        }
        X509Certificate leaf = Keytool.certificate(keytool.run(csr, signing.toArray(new String[0])));
        X509Certificate[] chain = new X509Certificate[ca.chain.length + 1];
        chain[0] = leaf;
        System.arraycopy(ca.chain, 0, chain, 1, ca.chain.length);
        return new Issued(fromWork(alias).key, chain);
    }

    private Issued fromWork(String alias) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(work)) {
            store.load(in, workPassword.toCharArray());
        }
        Certificate[] chain = store.getCertificateChain(alias);
        return new Issued((PrivateKey) store.getKey(alias, workPassword.toCharArray()),
                Arrays.copyOf(chain, chain.length, X509Certificate[].class));
    }

    private String snippet(Map<String, String> internal, Map<String, String> rest, String internalWhat,
            CertificateFacts internalFacts, CertificateFacts serverFacts, CertificateFacts clientFacts) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Flink TLS through flink-ssl-ext, written by its generate command on ")
                .append(LocalDate.now(ZoneOffset.UTC)).append(".\n")
                .append("# Add to conf/config.yaml on every Flink host, with the files at the paths below. It holds\n")
                .append("# the store password: keep it readable by Flink's user only. Check it with the jar's check command.\n")
                .append("\n# Internal TLS (data plane, blob server, RPC): a ").append(internalWhat).append(".\n");
        options(yaml, internal, "security.ssl.internal.cert.fingerprint",
                "# Pinned: the internal certificate's SHA-256 fingerprint (its key pin: " + internalFacts.keyPin + ").\n");
        yaml.append("\n# REST TLS (REST API, CLI, web UI), mutual: clients need a certificate of the REST CA.\n");
        options(yaml, rest, "security.ssl.rest.cert.fingerprint",
                "# Pinned: the REST server's certificate (" + sans.get(0) + "; Flink's REST clients check it) and the\n"
                        + "# operator's ('" + clientName + "'; the server checks it). Add the pin of each further client\n"
                        + "# certificate (the pins command prints it).\n");
        yaml.append("\n# One protocol, and suites for it: Flink's RPC layer (Pekko) takes exactly one protocol.\n");
        yaml.append("security.ssl.protocol: ").append(PROTOCOL).append('\n');
        yaml.append("security.ssl.algorithms: ").append(SUITES).append('\n');
        yaml.append("# security.ssl.provider: OPENSSL   # BoringSSL, bundled in the jar: faster handshakes and bulk TLS\n");
        return yaml.toString();
    }

    private static void options(StringBuilder yaml, Map<String, String> options, String commentedKey, String comment) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().equals(commentedKey)) {
                yaml.append(comment);
            }
            yaml.append(option.getKey()).append(": ").append(yamlValue(option.getValue())).append('\n');
        }
    }

    /** Plain where YAML and Flink 1.20's legacy parser read it alike, single-quoted otherwise. */
    static String yamlValue(String value) {
        boolean plain = value.matches("[A-Za-z0-9/][A-Za-z0-9._/:,+=@-]*")
                && !value.matches("(?i)true|false|null|yes|no|on|off|~") && !value.matches("[-0-9.+eE]+")
                && !value.contains(": ");
        return plain || value.equals("true") ? value : "'" + value.replace("'", "''") + "'";
    }

    private String curl(Path caPem, Path clientPem, Path clientKey) {
        String host = sans.get(0).startsWith("*.") ? "flink" + sans.get(0).substring(1) : sans.get(0);
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "curl --cacert " + shell(caPem) + " --cert " + shell(clientPem) + " --key " + shell(clientKey)
                + " https://" + host + ":" + restPort + "/overview";
    }

    private static String shell(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9._/:=+-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** An RFC 4514 attribute value, escaped as keytool's -dname reads it. */
    static String rdn(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' ')) || (i == value.length() - 1 && c == ' ')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static String randomPassword() {
        StringBuilder out = new StringBuilder();
        out.append(ALPHABET.charAt(RANDOM.nextInt(48))); // a letter first: never read as a number
        for (int i = 1; i < 24; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
