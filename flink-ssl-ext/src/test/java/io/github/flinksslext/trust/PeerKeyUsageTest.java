package io.github.flinksslext.trust;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's PKIX validator reads the peer's chain through {@link PkixCertificateView}, which answers
 * absent extensions without JDK 17's exceptions. These handshakes show that a key usage that is
 * there still decides: a leaf that may not sign and a CA that may not sign certificates are refused,
 * on both providers and both sides, and leaves with a signing key usage or none connect. (With
 * OPENSSL, BoringSSL refuses a leaf that may not sign before the validator sees it; the CA's key
 * usage is the validator's alone on both.)
 */
class PeerKeyUsageTest {

    private static final byte[] PAYLOAD = "records".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static List<Arguments> sides() {
        List<Arguments> cases = new ArrayList<>();
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            for (String peerRole : new String[] {"server", "client"}) {
                cases.add(Arguments.of(provider, peerRole));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, peer as {1}")
    @MethodSource("sides")
    void aLeafWhoseKeyUsageDoesNotAllowSigningIsRefused(String provider, String peerRole) throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Identity peer = ca.issue("tm-encipherment-only").keyUsage(KeyUsage.keyEncipherment).build();

        Outcome outcome = exchange(ca, peer, provider, peerRole);

        assertThat(outcome.succeeded()).as("accepted a peer whose key may not sign").isFalse();
        assertThat(peerRole.equals("server") ? outcome.clientFailure : outcome.serverFailure)
                .as("the verifying side refuses").isNotNull();
        // BoringSSL checks a TLS 1.3 peer's signing key usage itself, before the chain reaches the jar;
        // the JDK engine leaves it to the validator, which reads it through the view
        assertThat(outcome.failureMessages()).contains(provider.equals("OPENSSL")
                ? "KEY_USAGE_BIT_INCORRECT"
                : RefusedChainException.class.getName() + ": KeyUsage does not allow digital signatures");
    }

    @ParameterizedTest(name = "{0}, peer as {1}")
    @MethodSource("sides")
    void aChainThroughACaThatMayNotSignCertificatesIsRefused(String provider, String peerRole) throws Exception {
        Identity root = TestCertificates.identity("internal-root").ca().build();
        Identity intermediate = root.issue("no-cert-sign-ca").ca().keyUsage(KeyUsage.digitalSignature).build();
        Identity peer = intermediate.issue("tm-under-no-cert-sign-ca").build();

        Outcome outcome = exchange(root, peer, provider, peerRole);

        assertThat(outcome.succeeded()).as("accepted a chain through a CA that may not sign certificates").isFalse();
        assertThat(peerRole.equals("server") ? outcome.clientFailure : outcome.serverFailure)
                .as("the verifying side refuses").isNotNull();
        assertThat(outcome.failureMessages())
                .contains(RefusedChainException.class.getName() + ": PKIX path validation failed")
                .contains("CA key usage check failed: keyCertSign bit is not set");
    }

    @ParameterizedTest(name = "{0}, peer as {1}")
    @MethodSource("sides")
    void leavesThatMaySignOrCarryNoKeyUsageConnect(String provider, String peerRole) throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        Identity signing = ca.issue("tm-signing").keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).build();
        Identity bare = ca.issue("tm-without-key-usage").build();
        assertThat(bare.certificate().getKeyUsage()).as("the test's leaf carries no key usage").isNull();

        for (Identity peer : new Identity[] {signing, bare}) {
            Outcome outcome = exchange(ca, peer, provider, peerRole);
            assertThat(outcome.succeeded()).as(peer.certificate().getSubjectX500Principal() + ": " + outcome).isTrue();
            assertThat(outcome.echoed).isEqualTo(PAYLOAD);
        }
    }

    /** What the validator reads through a view is what the certificate itself answers. */
    @Test
    void theViewAnswersAsTheCertificate() throws Exception {
        Identity root = TestCertificates.identity("view-root").ca().build();
        Identity intermediate = root.issue("view-intermediate").ca().keyUsage(KeyUsage.keyCertSign).build();
        X509Certificate[] certificates = {
            root.certificate(),
            intermediate.certificate(),
            intermediate.issue("view-bare").build().certificate(),
            root.issue("view-signing").keyUsage(KeyUsage.digitalSignature).dnsName("tm.example").serverAuthOnly().build()
                    .certificate(),
            versionOneCertificate(),
        };
        String[] oids = {"2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.14", "2.5.29.35", "2.16.840.1.113730.1.1",
            "1.2.3.4"};
        X509Certificate[] views = PkixCertificateView.of(certificates);
        for (int i = 0; i < certificates.length; i++) {
            X509Certificate cert = certificates[i];
            X509Certificate view = views[i];
            String name = cert.getSubjectX500Principal().getName();
            assertThat(view.getKeyUsage()).as(name).isEqualTo(cert.getKeyUsage());
            assertThat(view.getBasicConstraints()).as(name).isEqualTo(cert.getBasicConstraints());
            for (String oid : oids) {
                assertThat(view.getExtensionValue(oid)).as(name + " " + oid).isEqualTo(cert.getExtensionValue(oid));
            }
            assertThat(view.getExtendedKeyUsage()).as(name).isEqualTo(cert.getExtendedKeyUsage());
            assertThat(view.getSubjectAlternativeNames()).as(name).isEqualTo(cert.getSubjectAlternativeNames());
            assertThat(view.getEncoded()).as(name).isEqualTo(cert.getEncoded());
            assertThat(view).as(name).isEqualTo(cert).hasSameHashCodeAs(cert);
            assertThat(cert).as(name).isEqualTo(view);
        }
    }

    /** A version 1 certificate: no extensions at all, so every question takes the view's shortcut. */
    private static X509Certificate versionOneCertificate() throws Exception {
        KeyPair keys = TestCertificates.rsa(2048);
        X500Name name = new X500Name("CN=view-v1");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v1CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(1))), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private Outcome exchange(Identity ca, Identity peer, String provider, String peerRole) throws Exception {
        Identity node = ca.issue("taskmanager").build();
        Configuration verifier = with(new TlsFixture(dir).internal(node, ca.certificate()), "security.ssl.provider", provider);
        return peerRole.equals("server")
                ? NettyTlsExchange.run(RawPeer.server(peer), SSLUtils.createInternalClientSSLEngineFactory(verifier), PAYLOAD)
                : NettyTlsExchange.run(SSLUtils.createInternalServerSSLEngineFactory(verifier), RawPeer.client(peer), PAYLOAD);
    }
}
