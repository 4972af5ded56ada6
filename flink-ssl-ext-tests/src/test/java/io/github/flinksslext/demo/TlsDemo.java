package io.github.flinksslext.demo;

import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.engine.OpenSslSupport;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.flink.shaded.netty4.io.netty.buffer.ByteBufAllocator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Throwaway certificate, then Flink's internal TLS contexts built through the drop-in jar's
 * SSLUtils for both providers, a handshake between them, and a bad setting refused at startup.
 */
public final class TlsDemo {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("flink-ssl-ext-demo");
        String password = "demo-" + Long.toHexString(System.nanoTime());
        Path store = selfSignedKeyStore(dir.resolve("internal.p12"), password);
        System.out.println("[1/3] throwaway EC P-256 certificate in " + store);
        System.out.println("      SSLUtils comes from " + SSLUtils.class.getProtectionDomain().getCodeSource().getLocation());

        boolean ok = true;
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            Configuration config = new Configuration();
            config.setString("security.ssl.internal.enabled", "true");
            config.setString("security.ssl.keystore", store.toString());
            config.setString("security.ssl.keystore-password", password);
            config.setString("security.ssl.truststore", store.toString());
            config.setString("security.ssl.truststore-password", password);
            config.setString("security.ssl.provider", provider);
            SSLHandlerFactory server = SSLUtils.createInternalServerSSLEngineFactory(config);
            SSLHandlerFactory client = SSLUtils.createInternalClientSSLEngineFactory(config);
            InMemoryHandshake.Result result = InMemoryHandshake.runAndRelease(
                    client.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine(),
                    server.createNettySSLHandler(ByteBufAllocator.DEFAULT).engine());
            String engine = provider.equals("JDK") ? "JDK" : "OPENSSL (" + OpenSslSupport.versionString() + ")";
            System.out.println("[2/3] internal mutual TLS, " + engine + ": " + result.protocol() + " " + result.cipherSuite());
            ok &= "TLSv1.3".equals(result.protocol());
        }

        Configuration bad = new Configuration();
        bad.setString("security.ssl.internal.enabled", "true");
        bad.setString("security.ssl.keystore", store.toString());
        bad.setString("security.ssl.keystore-password", "not-the-password");
        bad.setString("security.ssl.truststore", store.toString());
        bad.setString("security.ssl.truststore-password", password);
        try {
            SSLUtils.createInternalServerSSLEngineFactory(bad);
            System.out.println("[3/3] a wrong keystore password was NOT refused");
            ok = false;
        } catch (Exception e) {
            System.out.println("[3/3] a wrong keystore password is refused at startup:\n      " + e.getMessage());
        }
        System.out.println(ok ? "demo passed" : "demo FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static Path selfSignedKeyStore(Path file, String password) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=flink-ssl-ext demo");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.now().minus(Duration.ofMinutes(5))),
                        Date.from(Instant.now().plus(Duration.ofDays(1))), name, keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
