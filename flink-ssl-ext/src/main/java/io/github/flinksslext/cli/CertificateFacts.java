package io.github.flinksslext.cli;

import io.github.flinksslext.stores.Certificates;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator needs to know of one certificate, and every pin form the
 * {@code security.ssl.*.cert.fingerprint} options take: the SHA-1 and SHA-256 fingerprints in hex
 * with colons (as keytool prints them) and the {@code sha256/} pin of the public key. Hashed by the
 * same code as the jar's pinning.
 */
final class CertificateFacts {

    final X509Certificate certificate;
    final String subject;
    final List<String> subjectAlternativeNames;
    final String issuer;
    final boolean selfSigned;
    final boolean ca;
    final String keyAlgorithm;
    final int keyBits;
    final Instant notAfter;
    final long daysLeft;
    final String sha1;
    final String sha256;
    final String keyPin;

    CertificateFacts(X509Certificate certificate, Instant now) {
        this.certificate = certificate;
        this.subject = Certificates.subject(certificate);
        this.subjectAlternativeNames = Certificates.subjectAlternativeNames(certificate);
        this.issuer = certificate.getIssuerX500Principal().getName();
        this.selfSigned = Certificates.isSelfSigned(certificate);
        this.ca = certificate.getBasicConstraints() >= 0;
        this.keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        this.keyBits = keyBits(certificate.getPublicKey());
        this.notAfter = certificate.getNotAfter().toInstant();
        this.daysLeft = Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L);
        this.sha1 = Certificates.hex(Certificates.sha1(certificate));
        this.sha256 = Certificates.hex(Certificates.sha256(certificate));
        this.keyPin = Certificates.publicKeyPin(certificate);
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return ((RSAPublicKey) key).getModulus().bitLength();
        }
        if (key instanceof ECPublicKey) {
            return ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    boolean expired() {
        return daysLeft < 0;
    }

    String key() {
        return keyAlgorithm + (keyBits > 0 ? " " + keyBits : "");
    }

    String expiry() {
        return notAfter + (expired() ? " (EXPIRED " + -daysLeft + " days ago)" : " (" + daysLeft + " days left)");
    }

    /** The block both commands print for a certificate, each line starting with {@code indent}. */
    void print(StringBuilder out, String indent) {
        line(out, indent, "subject", Text.safe(subject));
        if (!subjectAlternativeNames.isEmpty()) {
            line(out, indent, "SANs", Text.safe(String.join(", ", subjectAlternativeNames)));
        }
        line(out, indent, "issuer", Text.safe(issuer) + (selfSigned ? " (self-signed)" : "") + (ca ? ", a CA" : ""));
        line(out, indent, "key", key());
        line(out, indent, "expires", expiry());
        line(out, indent, "SHA-1", sha1);
        line(out, indent, "SHA-256", sha256);
        line(out, indent, "key pin", keyPin);
    }

    private static void line(StringBuilder out, String indent, String label, String value) {
        Text.field(out, indent, 9, label, value);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", subject);
        json.put("subjectAlternativeNames", subjectAlternativeNames);
        json.put("issuer", issuer);
        json.put("selfSigned", selfSigned);
        json.put("ca", ca);
        json.put("keyAlgorithm", keyAlgorithm);
        json.put("keyBits", keyBits);
        json.put("notAfter", notAfter.toString());
        json.put("daysLeft", daysLeft);
        json.put("sha1", sha1);
        json.put("sha256", sha256);
        json.put("publicKeyPin", keyPin);
        return json;
    }
}
