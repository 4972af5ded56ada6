package io.github.flinksslext.testing;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;

/** Every way an operator may write a pin for a certificate. Independent of the jar's own hashing. */
public enum PinForms {
    SHA1_COLONS_UPPER {
        @Override
        public String of(X509Certificate cert) {
            return colons(hash("SHA-1", encoded(cert))).toUpperCase(Locale.ROOT);
        }
    },
    SHA1_PLAIN_LOWER {
        @Override
        public String of(X509Certificate cert) {
            return plain(hash("SHA-1", encoded(cert)));
        }
    },
    SHA256_COLONS_LOWER {
        @Override
        public String of(X509Certificate cert) {
            return colons(hash("SHA-256", encoded(cert)));
        }
    },
    SHA256_PLAIN_MIXED_CASE {
        @Override
        public String of(X509Certificate cert) {
            String hex = plain(hash("SHA-256", encoded(cert)));
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < hex.length(); i++) {
                char c = hex.charAt(i);
                mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
            }
            return mixed.toString();
        }
    },
    PUBLIC_KEY_SHA256 {
        @Override
        public String of(X509Certificate cert) {
            return "sha256/" + Base64.getEncoder().encodeToString(hash("SHA-256", cert.getPublicKey().getEncoded()));
        }
    };

    public abstract String of(X509Certificate cert);

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hash(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private static String colons(byte[] bytes) {
        return plain(bytes).replaceAll("(..)(?!$)", "$1:");
    }
}
