package io.github.flinksslext.engine;

/** What a cipher suite's name says about the protocol and key it needs. */
public final class CipherSuites {

    private CipherSuites() {}

    /** TLS 1.3 suites name no key exchange or authentication. */
    public static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_") || suite.startsWith("TLS_SM4_");
    }

    /**
     * Signalling values such as TLS_EMPTY_RENEGOTIATION_INFO_SCSV: the JDK lists them among its
     * suites, but they only signal a capability and encrypt nothing.
     */
    public static boolean isSignalling(String suite) {
        return suite.endsWith("_SCSV");
    }

    /**
     * Whether a server with a key of {@code keyAlgorithm} can use the suite. TLS 1.3 suites work
     * with any key; TLS 1.2 suites name the certificate's key type.
     */
    public static boolean worksWithKey(String suite, String keyAlgorithm) {
        if (isTls13(suite)) {
            return true;
        }
        String auth = authentication(suite);
        if (auth == null) {
            return true; // unknown shape: let the handshake decide
        }
        switch (auth) {
            case "ECDSA":
                return keyAlgorithm.equals("EC");
            case "RSA":
                return keyAlgorithm.equals("RSA") || keyAlgorithm.equals("RSASSA-PSS");
            case "DSS":
                return keyAlgorithm.equals("DSA");
            default:
                return true;
        }
    }

    /** "RSA", "ECDSA", "DSS" for TLS_{kx}_{auth}_WITH_ and TLS_RSA_WITH_ suites; null otherwise. */
    static String authentication(String suite) {
        int with = suite.indexOf("_WITH_");
        if (!suite.startsWith("TLS_") || with < 0) {
            return null;
        }
        String[] parts = suite.substring(4, with).split("_");
        return parts[parts.length - 1];
    }
}
