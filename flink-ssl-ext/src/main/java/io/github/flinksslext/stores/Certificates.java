package io.github.flinksslext.stores;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** Facts about certificates, for checks and for the messages and log lines that name them. */
public final class Certificates {

    private Certificates() {}

    public static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    public static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** DNS names and IP addresses of the subject alternative names. */
    public static List<String> subjectAlternativeNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("<unreadable>");
        }
        return names;
    }

    /** "expired on ...", "not valid before ..." or null when valid at {@code now}. */
    public static String validityProblem(X509Certificate cert, Date now) {
        if (now.after(cert.getNotAfter())) {
            return "expired on " + cert.getNotAfter().toInstant();
        }
        if (now.before(cert.getNotBefore())) {
            return "is not valid before " + cert.getNotBefore().toInstant();
        }
        return null;
    }

    public static byte[] sha256(X509Certificate cert) {
        return digest("SHA-256", encoded(cert));
    }

    public static byte[] sha1(X509Certificate cert) {
        return digest("SHA-1", encoded(cert));
    }

    /** SHA-256 of the SubjectPublicKeyInfo: the same for every certificate issued for one key. */
    public static byte[] publicKeySha256(X509Certificate cert) {
        return digest("SHA-256", cert.getPublicKey().getEncoded());
    }

    /** OkHttp-style public key pin: sha256/ + base64 of the SHA-256 of the SubjectPublicKeyInfo. */
    public static String publicKeyPin(X509Certificate cert) {
        return "sha256/" + Base64.getEncoder().encodeToString(publicKeySha256(cert));
    }

    /** Colon-separated upper-case hex, as keytool prints fingerprints. */
    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Character.toUpperCase(Character.forDigit((bytes[i] >> 4) & 0xF, 16)));
            out.append(Character.toUpperCase(Character.forDigit(bytes[i] & 0xF, 16)));
        }
        return out.toString();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unencodable certificate " + subject(cert), e);
        }
    }
}
