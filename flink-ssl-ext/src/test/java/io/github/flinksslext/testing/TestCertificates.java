package io.github.flinksslext.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made in code for tests: CAs, leaves with SANs, expired and not-yet-valid ones,
 * and keystores and truststores written as PKCS12 or JKS files.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    /** A key pair and its certificate chain, leaf first. */
    public static final class Identity {
        public final KeyPair keys;
        public final X509Certificate[] chain;

        Identity(KeyPair keys, X509Certificate... chain) {
            this.keys = keys;
            this.chain = chain;
        }

        public X509Certificate certificate() {
            return chain[0];
        }

        /** A certificate signed by this identity (acting as a CA). */
        public Builder issue(String commonName) {
            return new Builder(commonName).issuer(this);
        }
    }

    public static Builder identity(String commonName) {
        return new Builder(commonName);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds one certificate: self-signed unless an issuer is given. */
    public static final class Builder {
        private final String commonName;
        private final List<String> moreCommonNames = new ArrayList<>();
        private Identity issuer;
        private KeyPair keys;
        private boolean ca;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private final List<GeneralName> sans = new ArrayList<>();
        private KeyPurposeId[] extendedKeyUsages;
        /** Explicit key-usage bits (BouncyCastle's {@link KeyUsage} constants); null for the default. */
        private Integer keyUsage;

        Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder issuer(Identity issuingCa) {
            this.issuer = issuingCa;
            return this;
        }

        public Builder keys(KeyPair keyPair) {
            this.keys = keyPair;
            return this;
        }

        public Builder ca() {
            this.ca = true;
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        public Builder expired() {
            return validity(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)));
        }

        public Builder notYetValid() {
            return validity(Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(60)));
        }

        public Builder dnsName(String name) {
            sans.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        public Builder ipAddress(String address) {
            sans.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        /** Further CN attributes after the first, each its own RDN (the JDK matches only the most specific). */
        public Builder moreCommonNames(String... names) {
            moreCommonNames.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * A key-usage extension with exactly these bits (BouncyCastle's {@link KeyUsage} constants),
         * instead of the default: none on a leaf, keyCertSign, cRLSign and digitalSignature on a CA.
         */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public Builder serverAuthOnly() {
            this.extendedKeyUsages = new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
            return this;
        }

        public Identity build() {
            try {
                KeyPair pair = keys != null ? keys : rsa(2048);
                X500Name subject = subject();
                X500Name issuerName =
                        issuer == null
                                ? subject
                                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder builder =
                        new JcaX509v3CertificateBuilder(
                                issuerName,
                                BigInteger.valueOf(SERIAL.incrementAndGet()),
                                Date.from(notBefore),
                                Date.from(notAfter),
                                subject,
                                pair.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(pair.getPublic()));
                if (issuer != null) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                } else if (ca) {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                }
                if (!sans.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                if (extendedKeyUsages != null) {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsages));
                }
                KeyPair signer = issuer == null ? pair : issuer.keys;
                String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                X509Certificate cert = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
                if (issuer == null) {
                    return new Identity(pair, cert);
                }
                X509Certificate[] chain = new X509Certificate[issuer.chain.length + 1];
                chain[0] = cert;
                System.arraycopy(issuer.chain, 0, chain, 1, issuer.chain.length);
                return new Identity(pair, chain);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build test certificate " + commonName, e);
            }
        }

        /** Values taken verbatim, so a test can put any character into a name. */
        private X500Name subject() {
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
            for (String name : moreCommonNames) {
                subject.addRDN(BCStyle.CN, name);
            }
            return subject.addRDN(BCStyle.O, "flink-ssl-ext tests").build();
        }
    }

    /** Writes the certificate chain and the PKCS#8 private key as PEM files, for tools such as openssl. */
    public static void writePem(Identity identity, Path certificateFile, Path keyFile) {
        try {
            StringBuilder certificates = new StringBuilder();
            for (X509Certificate cert : identity.chain) {
                certificates.append(pem("CERTIFICATE", cert.getEncoded()));
            }
            Files.write(certificateFile, certificates.toString().getBytes(StandardCharsets.US_ASCII));
            Files.write(keyFile, pem("PRIVATE KEY", identity.keys.getPrivate().getEncoded())
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a keystore holding one private key entry, alias "key". */
    public static Path keyStore(Path file, String type, String storePassword, String keyPassword, Identity identity) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            Certificate[] chain = identity.chain;
            store.setKeyEntry("key", identity.keys.getPrivate(), keyPassword.toCharArray(), chain);
            return write(store, file, storePassword);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a truststore holding the given certificates as trusted entries. */
    public static Path trustStore(Path file, String type, String storePassword, X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return write(store, file, storePassword);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(KeyStore store, Path file, String password) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
