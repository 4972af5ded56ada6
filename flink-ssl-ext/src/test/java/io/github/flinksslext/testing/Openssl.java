package io.github.flinksslext.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PEM material written by the {@code openssl} command line tool, as operators and cert-manager
 * produce it: a CA, certificates it signs, and private keys in every form Kubernetes secrets hold.
 */
public final class Openssl {

    private final Path dir;

    public Openssl(Path dir) {
        this.dir = dir;
    }

    /** Runs openssl in the fixture's folder; fails with its output if it fails. */
    public String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(Arrays.asList(arguments));
        Path output = Files.createTempFile(dir, "openssl", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", arguments) + " failed: "
                    + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        }
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** An RSA key in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as cert-manager writes RSA keys by default. */
    public Path rsaPkcs1(String name) throws IOException, InterruptedException {
        run("genrsa", "-traditional", "-out", name, "2048");
        return file(name);
    }

    /** An EC P-256 key in SEC1 ({@code BEGIN EC PRIVATE KEY}), as cert-manager writes EC keys by default. */
    public Path ecSec1(String name) throws IOException, InterruptedException {
        run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name);
        return file(name);
    }

    /** The same key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public Path pkcs8(Path key, String name) throws IOException, InterruptedException {
        run("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", name);
        return file(name);
    }

    /** The same key as encrypted PKCS#8 (PBES2, AES-256-CBC, as openssl 3 writes it). */
    public Path encryptedPkcs8(Path key, String name, String password) throws IOException, InterruptedException {
        run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(), "-out", name, "-passout", "pass:" + password);
        return file(name);
    }

    /** A self-signed CA certificate for the key. */
    public Path ca(Path key, String commonName, String name) throws IOException, InterruptedException {
        run("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", name);
        return file(name);
    }

    /** A certificate for the key, signed by the CA, valid for client and server authentication. */
    public Path issue(Path key, String commonName, Path caCert, Path caKey, String name, String... sans)
            throws IOException, InterruptedException {
        Path csr = file(name + ".csr");
        run("req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out", csr.toString());
        Path extensions = file(name + ".ext");
        String san = sans.length == 0 ? "" : "subjectAltName=" + String.join(",", sans) + "\n";
        Files.write(extensions, ("extendedKeyUsage=serverAuth,clientAuth\n" + san).getBytes(StandardCharsets.US_ASCII));
        run("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "30", "-extfile", extensions.toString(), "-out", name);
        return file(name);
    }

    /** An intermediate CA certificate for the key, signed by the CA: it may sign leaves only. */
    public Path intermediate(Path key, String commonName, Path caCert, Path caKey, String name)
            throws IOException, InterruptedException {
        Path csr = file(name + ".csr");
        run("req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out", csr.toString());
        Path extensions = file(name + ".ext");
        Files.write(extensions, "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                .getBytes(StandardCharsets.US_ASCII));
        run("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "30", "-extfile", extensions.toString(), "-out", name);
        return file(name);
    }

    /** Files concatenated, as cert-manager's CombinedPEM or a CA bundle. */
    public Path concat(String name, Path... parts) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path part : parts) {
            out.append(new String(Files.readAllBytes(part), StandardCharsets.US_ASCII));
        }
        Files.write(file(name), out.toString().getBytes(StandardCharsets.US_ASCII));
        return file(name);
    }
}
