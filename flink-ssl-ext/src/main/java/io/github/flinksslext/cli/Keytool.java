package io.github.flinksslext.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code keytool}, of the Java runtime this command runs on, for everything that makes an
 * X.509 certificate: key pairs with self-signed certificates, signing requests, and certificates
 * issued by a CA key. Passwords reach it through environment variables ({@code -storepass:env}),
 * never through its command line, which other users can see.
 */
final class Keytool {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;
    private final Map<String, String> passwords;

    /**
     * @param passwords environment variables for keytool, name to password; named in the
     *     arguments as {@code -storepass:env NAME}
     */
    Keytool(Map<String, String> passwords) throws IOException {
        String home = System.getProperty("java.home");
        Path unix = Paths.get(home, "bin", "keytool");
        Path windows = Paths.get(home, "bin", "keytool.exe");
        this.executable = Files.isExecutable(unix) ? unix : windows;
        if (!Files.isExecutable(executable)) {
            throw new IOException("the Java runtime at '" + home + "' has no bin/keytool");
        }
        this.passwords = passwords;
    }

    /** Runs keytool; its standard output. */
    byte[] run(byte[] input, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("-J-Duser.language=en");
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(passwords);
        Process process = builder.start();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread errorReader = new Thread(() -> copy(process.getErrorStream(), errors), "keytool-stderr");
        errorReader.start();
        try (OutputStream in = process.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        copy(process.getInputStream(), output);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + TIMEOUT_SECONDS + " s: " + arguments[0]);
            }
            errorReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool ran", e);
        }
        if (process.exitValue() != 0) {
            String said = (new String(output.toByteArray(), StandardCharsets.UTF_8) + " "
                    + new String(errors.toByteArray(), StandardCharsets.UTF_8)).trim();
            throw new IOException("keytool " + arguments[0] + " failed (exit " + process.exitValue() + "): " + said);
        }
        return output.toByteArray();
    }

    static X509Certificate certificate(byte[] pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IOException("keytool wrote no readable certificate", e);
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try (InputStream in = from) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                to.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
