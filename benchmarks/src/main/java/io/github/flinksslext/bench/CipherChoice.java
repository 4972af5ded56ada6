package io.github.flinksslext.bench;

/** The protocol and suite a benchmark forces, as an operator would set them. */
public enum CipherChoice {
    /** Flink 1.x's default, disabled by recent JDKs (FLINK-39022). */
    RSA_AES128_CBC("TLSv1.2", "TLS_RSA_WITH_AES_128_CBC_SHA"),
    /** What Flink's docs recommend. */
    TLS12_ECDHE_AES128_GCM("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
    TLS13_AES128_GCM("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
    /** BoringSSL ignores TLS 1.3 suite settings and picks AES-GCM where the CPU has AES instructions. */
    TLS13_CHACHA20("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256");

    public final String protocol;
    public final String suite;

    CipherChoice(String protocol, String suite) {
        this.protocol = protocol;
        this.suite = suite;
    }
}
