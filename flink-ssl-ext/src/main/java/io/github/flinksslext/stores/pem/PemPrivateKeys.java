package io.github.flinksslext.stores.pem;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Private keys as cert-manager and openssl write them: PKCS#8 ({@code PRIVATE KEY}), encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 as openssl 3 writes it), PKCS#1 ({@code RSA PRIVATE
 * KEY}) and SEC1 ({@code EC PRIVATE KEY}). The JDK reads PKCS#8 and decrypts PBES2; PKCS#1 and
 * SEC1 are wrapped into PKCS#8 (RFC 5208) by the few DER bytes that tell them apart.
 */
final class PemPrivateKeys {

    static final String PKCS8 = "PRIVATE KEY";
    static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
    static final String PKCS1 = "RSA PRIVATE KEY";
    static final String SEC1 = "EC PRIVATE KEY";

    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private PemPrivateKeys() {}

    static boolean isPrivateKey(String label) {
        return label.equals(PKCS8) || label.equals(ENCRYPTED_PKCS8) || label.equals(PKCS1) || label.equals(SEC1);
    }

    static boolean isEncrypted(PemBlocks.Block block) {
        return block.label.equals(ENCRYPTED_PKCS8) || block.legacyEncrypted;
    }

    /**
     * @param password for an encrypted key; ignored for a plain one
     * @throws UnrecoverableKeyException if the password is missing or wrong
     */
    static PrivateKey decode(PemBlocks.Block block, char[] password) throws IOException, UnrecoverableKeyException {
        if (block.legacyEncrypted) {
            throw new IOException("the '" + block.label + "' is encrypted the legacy OpenSSL way (Proc-Type header),"
                    + " which is not supported; convert it: openssl pkcs8 -topk8 -in old.key -out new.key");
        }
        switch (block.label) {
            case PKCS8:
                return pkcs8(block.der);
            case ENCRYPTED_PKCS8:
                return pkcs8(decrypt(block.der, password));
            case PKCS1:
                return pkcs8(privateKeyInfo(RSA_ALGORITHM, block.der));
            case SEC1:
                return pkcs8(privateKeyInfo(ecAlgorithm(block.der), block.der));
            default:
                throw new IOException("'" + block.label + "' is not a private key");
        }
    }

    private static byte[] decrypt(byte[] der, char[] password) throws IOException, UnrecoverableKeyException {
        if (password == null || password.length == 0) {
            throw new UnrecoverableKeyException("the private key is encrypted and no key password is set");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            // PBES2 names its real scheme only in its parameters, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm = parameters != null && info.getAlgName().equals("PBES2") ? parameters.toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            PBEKeySpec keySpec = new PBEKeySpec(password);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(keySpec), parameters);
            keySpec.clearPassword();
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            UnrecoverableKeyException wrong = new UnrecoverableKeyException(
                    "the key password does not decrypt the private key (" + e.getClass().getSimpleName() + ")");
            wrong.initCause(e);
            throw wrong;
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new IOException("the private key is not an RSA, EC, EdDSA or DSA key this JVM can read");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key } */
    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        return der(0x30, concat(version, algorithm, der(0x04, key)));
    }

    /** AlgorithmIdentifier { id-ecPublicKey, namedCurve } with the curve the SEC1 key names in [0]. */
    private static byte[] ecAlgorithm(byte[] sec1) throws IOException {
        DerReader key = new DerReader(sec1).enter(0x30);
        key.skip(0x02); // version
        key.skip(0x04); // private key
        if (key.hasMore() && key.peekTag() == 0xa0) {
            byte[] curve = key.enter(0xa0).raw(0x06);
            return der(0x30, concat(EC_PUBLIC_KEY_OID, curve));
        }
        throw new IOException("the EC private key does not name its curve; write it with the curve's name"
                + " (openssl ec -param_enc named_curve)");
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.write(content, 0, content.length);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** Just enough DER to walk a SEC1 key's top-level fields. */
    private static final class DerReader {
        private final byte[] data;
        private int position;
        private final int end;

        DerReader(byte[] data) {
            this(data, 0, data.length);
        }

        private DerReader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int peekTag() {
            return data[position] & 0xff;
        }

        DerReader enter(int tag) throws IOException {
            int[] header = header(tag);
            position = header[0] + header[1];
            return new DerReader(data, header[0], header[0] + header[1]);
        }

        void skip(int tag) throws IOException {
            int[] header = header(tag);
            position = header[0] + header[1];
        }

        /** The whole element, tag and length included. */
        byte[] raw(int tag) throws IOException {
            int start = position;
            int[] header = header(tag);
            position = header[0] + header[1];
            return Arrays.copyOfRange(data, start, position);
        }

        /** {content offset, content length} of the element at the position, which must have the tag. */
        private int[] header(int tag) throws IOException {
            if (position + 2 > end || (data[position] & 0xff) != tag) {
                throw new IOException("the EC private key is not a valid SEC1 structure");
            }
            int length = data[position + 1] & 0xff;
            int offset = position + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes < 1 || bytes > 3 || offset + bytes > end) {
                    throw new IOException("the EC private key is not a valid SEC1 structure");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (data[offset++] & 0xff);
                }
            }
            if (offset + length > end) {
                throw new IOException("the EC private key is not a valid SEC1 structure");
            }
            return new int[] {offset, length};
        }
    }
}
