package io.github.flinksslext.trust;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/**
 * A peer's certificate as the jar hands it to the JDK's PKIX validator: every answer is the
 * certificate's own, except that asking for an extension the certificate does not carry returns
 * "absent" at once. JDK 17's {@code X509CertImpl} answers {@link #getKeyUsage()},
 * {@link #getExtensionValue(String)} and {@link #getBasicConstraints()} for an absent extension by
 * throwing and catching two exceptions with full stack traces, and the validator asks up to eight
 * times per handshake side for a leaf without a key-usage extension (keytool's default, and Flink's
 * documented setup): about a tenth of an OPENSSL handshake's CPU in the handshake benchmark. The
 * answer for a present extension, and every other answer, is the delegate's.
 */
final class PkixCertificateView extends X509Certificate {

    private static final long serialVersionUID = 1L;

    private static final String KEY_USAGE = "2.5.29.15";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";

    private final X509Certificate certificate;
    /** Every extension the certificate carries, critical or not (unparseable ones included); read once. */
    private transient Set<String> extensions;

    private PkixCertificateView(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /** The chain in views, for the validator; null or empty stays as it is (the validator refuses it). */
    static X509Certificate[] of(X509Certificate[] chain) {
        if (chain == null) {
            return null;
        }
        X509Certificate[] views = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            X509Certificate cert = chain[i];
            views[i] = cert == null || cert instanceof PkixCertificateView ? cert : new PkixCertificateView(cert);
        }
        return views;
    }

    private boolean carries(String oid) {
        Set<String> known = extensions;
        if (known == null) {
            known = new HashSet<>();
            Set<String> critical = certificate.getCriticalExtensionOIDs();
            Set<String> nonCritical = certificate.getNonCriticalExtensionOIDs();
            if (critical != null) {
                known.addAll(critical);
            }
            if (nonCritical != null) {
                known.addAll(nonCritical);
            }
            extensions = known;
        }
        return known.contains(oid);
    }

    @Override
    public boolean[] getKeyUsage() {
        return carries(KEY_USAGE) ? certificate.getKeyUsage() : null;
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return carries(oid) ? certificate.getExtensionValue(oid) : null;
    }

    @Override
    public int getBasicConstraints() {
        return carries(BASIC_CONSTRAINTS) ? certificate.getBasicConstraints() : -1;
    }

    // Everything else is the certificate's own answer.

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return certificate.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return certificate.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return certificate.getNonCriticalExtensionOIDs();
    }

    @Override
    public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return certificate.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return certificate.getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return certificate.getIssuerDN();
    }

    @Override
    public X500Principal getIssuerX500Principal() {
        return certificate.getIssuerX500Principal();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return certificate.getSubjectDN();
    }

    @Override
    public X500Principal getSubjectX500Principal() {
        return certificate.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return certificate.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return certificate.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws CertificateEncodingException {
        return certificate.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return certificate.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return certificate.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return certificate.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return certificate.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return certificate.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return certificate.getSubjectUniqueID();
    }

    @Override
    public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return certificate.getExtendedKeyUsage();
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames();
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
        return certificate.getIssuerAlternativeNames();
    }

    @Override
    public byte[] getEncoded() throws CertificateEncodingException {
        return certificate.getEncoded();
    }

    @Override
    public void verify(PublicKey key)
            throws CertificateException, NoSuchAlgorithmException, InvalidKeyException, NoSuchProviderException,
                    SignatureException {
        certificate.verify(key);
    }

    @Override
    public void verify(PublicKey key, String sigProvider)
            throws CertificateException, NoSuchAlgorithmException, InvalidKeyException, NoSuchProviderException,
                    SignatureException {
        certificate.verify(key, sigProvider);
    }

    @Override
    public void verify(PublicKey key, Provider sigProvider)
            throws CertificateException, NoSuchAlgorithmException, InvalidKeyException, SignatureException {
        certificate.verify(key, sigProvider);
    }

    @Override
    public PublicKey getPublicKey() {
        return certificate.getPublicKey();
    }

    @Override
    public boolean equals(Object other) {
        return certificate.equals(other instanceof PkixCertificateView ? ((PkixCertificateView) other).certificate : other);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    @Override
    public String toString() {
        return certificate.toString();
    }
}
