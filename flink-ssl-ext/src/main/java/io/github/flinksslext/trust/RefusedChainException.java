package io.github.flinksslext.trust;

import io.github.flinksslext.live.HandshakeFailure;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;

/**
 * A peer's chain refused by the jar's trust managers, with the cause named where it is known (the
 * check that failed) rather than guessed later from an engine's message. Both engines keep it as
 * the cause of the handshake's failure, so whoever sees the failure can count and log it.
 */
public final class RefusedChainException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final HandshakeFailure failure;
    private final transient X509Certificate[] chain;

    RefusedChainException(HandshakeFailure failure, String message, X509Certificate[] chain, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.chain = chain == null ? new X509Certificate[0] : chain.clone();
    }

    /**
     * The standard trust manager's refusal, named: expired or not yet valid, else not trusted. Its
     * own cause becomes this one's, as the JDK reads it to pick the alert the peer gets
     * (certificate_expired, bad_certificate, ...).
     */
    static RefusedChainException chainCheckFailed(String message, X509Certificate[] chain, CertificateException refusal) {
        return new RefusedChainException(outOfDate(refusal) ? HandshakeFailure.EXPIRED_OR_NOT_YET_VALID
                : HandshakeFailure.CHAIN_NOT_TRUSTED, message, chain, refusal.getCause() == null ? refusal : refusal.getCause());
    }

    public HandshakeFailure failure() {
        return failure;
    }

    /** The peer's chain with every hash a pin could name, peer text escaped: built only when asked, to log. */
    public String chainReport() {
        return PeerChainReport.chain(chain);
    }

    /** Whether the JDK's PKIX validation failed on a date. */
    private static boolean outOfDate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return true;
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
                if (reason == CertPathValidatorException.BasicReason.EXPIRED
                        || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return true;
                }
            }
        }
        return false;
    }
}
