package io.github.flinksslext.testing;

import io.github.flinksslext.engine.InMemoryHandshake;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLEngine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Supplier;

/** Certificates renewed as cert-manager renews them, written to disk the three ways they arrive. */
public final class Rotations {

    private Rotations() {}

    /** One issued key pair: a new key at each renewal (cert-manager's rotationPolicy: Always). */
    public static final class Node {
        public final byte[] key;
        public final byte[] certificate;
        public final String sha256;

        public Node(Path key, Path certificate) throws Exception {
            this.key = Files.readAllBytes(key);
            this.certificate = Files.readAllBytes(certificate);
            this.sha256 = sha256(this.certificate);
        }

        public byte[] combined() {
            byte[] both = new byte[key.length + certificate.length];
            System.arraycopy(key, 0, both, 0, key.length);
            System.arraycopy(certificate, 0, both, key.length, certificate.length);
            return both;
        }
    }

    public static Node issue(Openssl openssl, String name, Path caCert, Path caKey) throws Exception {
        Path key = openssl.ecSec1(name + ".key");
        return new Node(key, openssl.issue(key, name, caCert, caKey, name + ".crt", "DNS:localhost"));
    }

    public static String sha256(byte[] pem) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
        return sha256(cert);
    }

    public static String sha256(X509Certificate cert) throws Exception {
        // as the jar's log lines print it: colon-separated upper-case hex
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())) {
            hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b));
        }
        return hex.toString();
    }

    /** A Kubernetes secret volume: files reached through the ..data link, swapped as the kubelet swaps them. */
    public static final class SecretVolume {
        private final Path root;
        private int generation;

        public SecretVolume(Path root, Node node, Path caCert) throws Exception {
            this.root = Files.createDirectories(root);
            Path data = writeGeneration(node, caCert);
            Files.createSymbolicLink(root.resolve("..data"), data.getFileName());
            for (String file : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
                Files.createSymbolicLink(root.resolve(file), Path.of("..data", file));
            }
        }

        public Path path() {
            return root;
        }

        /** The kubelet's atomic update: a new timestamped directory, ..data re-pointed by rename, the old one deleted. */
        public void swapTo(Node node, Path caCert) throws Exception {
            Path old = root.resolve("..data").toRealPath();
            Path data = writeGeneration(node, caCert);
            Path link = Files.createSymbolicLink(root.resolve("..data_tmp"), data.getFileName());
            Files.move(link, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String file : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
                Files.delete(old.resolve(file));
            }
            Files.delete(old);
        }

        private Path writeGeneration(Node node, Path caCert) throws Exception {
            Path data = Files.createDirectories(root.resolve("..2026_11_28_21_00_00." + (++generation)));
            Files.write(data.resolve("tls.crt"), node.certificate);
            Files.write(data.resolve("tls.key"), node.key);
            Files.copy(caCert, data.resolve("ca.crt"));
            return data;
        }
    }

    /** Written beside the file, then renamed over it: readers see the old or the new file, whole. */
    public static void renameOver(Path target, byte[] content) throws Exception {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Truncated and written in place: a reader may see it half written. */
    public static void overwrite(Path target, byte[] content) throws Exception {
        Files.write(target, content);
    }

    public static byte[] truncated(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        return text.substring(0, text.length() / 2).getBytes(StandardCharsets.US_ASCII);
    }

    /** What each side of a fresh in-memory handshake between engines of the two factories was shown. */
    public static final class Seen {
        public final String byClient;
        public final String byServer;

        public Seen(String byClient, String byServer) {
            this.byClient = byClient;
            this.byServer = byServer;
        }
    }

    public static Seen handshake(SSLHandlerFactory server, SSLHandlerFactory client) throws Exception {
        SSLEngine serverEngine = server.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
        SSLEngine clientEngine = client.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine();
        try {
            InMemoryHandshake.run(clientEngine, serverEngine);
            String byClient = sha256((X509Certificate) clientEngine.getSession().getPeerCertificates()[0]);
            String byServer = serverEngine.getNeedClientAuth()
                    ? sha256((X509Certificate) serverEngine.getSession().getPeerCertificates()[0]) : null;
            return new Seen(byClient, byServer);
        } finally {
            ReferenceCountUtil.release(clientEngine);
            ReferenceCountUtil.release(serverEngine);
        }
    }

    /**
     * Waits for the process's file watcher to act: asks again until the answer comes, or fails at
     * the deadline. A failed ask (a connection refused while one side has rotated and the other not
     * yet) counts as no answer.
     */
    public static <T> T await(Supplier<T> ask, java.util.function.Predicate<T> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T answer = ask.get();
                if (done.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            Thread.sleep(20); // the interval between asks, not a synchronisation
        }
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
    }
}
