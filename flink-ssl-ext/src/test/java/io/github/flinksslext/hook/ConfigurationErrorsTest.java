package io.github.flinksslext.hook;

import io.github.flinksslext.testing.LogCapture;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;
import org.apache.logging.log4j.Level;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.io.OutputStream;

import static io.github.flinksslext.testing.Refusals.refused;
import static io.github.flinksslext.testing.TlsFixture.KEY_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.STORE_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.TRUST_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.with;
import static io.github.flinksslext.testing.TlsFixture.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every setting that cannot work is refused when the context is created, with a message that
 * names the option key and the fix, and never a password.
 */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private TlsFixture fixture;
    private Identity ca;
    private Configuration good;

    @BeforeEach
    void validInternalConfiguration() {
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("internal-ca").ca().build();
        good = fixture.internal(ca.issue("tm").build(), ca.certificate());
    }

    private static ThrowingCallable internalServer(Configuration config) {
        return () -> SSLUtils.createInternalServerSSLEngineFactory(config);
    }

    @Test
    void missingKeystoreFile() {
        String message = refused(internalServer(with(good, "security.ssl.keystore", dir.resolve("nope.p12").toString())),
                "security.ssl.keystore");
        assertThat(message).contains("does not exist");
    }

    @Test
    void keystoreThatIsADirectory() {
        refused(internalServer(with(good, "security.ssl.keystore", dir.toString())), "security.ssl.keystore");
    }

    @Test
    void wrongKeystorePassword() {
        refused(internalServer(with(good, "security.ssl.keystore-password", "wrong-" + STORE_PASSWORD)),
                "security.ssl.keystore-password");
    }

    @Test
    void wrongKeyPassword() {
        refused(internalServer(with(good, "security.ssl.key-password", "wrong-" + KEY_PASSWORD)), "security.ssl.key-password");
    }

    @Test
    void internalKeyPasswordOverridesTheFallback() {
        refused(internalServer(with(good, "security.ssl.internal.key-password", "wrong-" + KEY_PASSWORD)),
                "security.ssl.internal.key-password");
    }

    @Test
    void wrongTruststorePassword() {
        refused(internalServer(with(good, "security.ssl.truststore-password", "wrong-" + TRUST_PASSWORD)),
                "security.ssl.truststore-password");
    }

    @Test
    void keystoreWithoutPrivateKey() {
        Configuration config = with(good, "security.ssl.keystore", fixture.trustStore(ca.certificate()).toString());
        config.setString("security.ssl.keystore-password", TRUST_PASSWORD);
        String message = refused(internalServer(config), "security.ssl.keystore");
        assertThat(message).contains("no private key");
    }

    @Test
    void unknownStoreTypes() {
        String message = refused(internalServer(with(good, "security.ssl.internal.keystore-type", "PEMX")),
                "security.ssl.internal.keystore-type");
        assertThat(message).contains("PEMX").contains("PKCS12, JKS or PEM");
        refused(internalServer(with(good, "security.ssl.internal.truststore-type", "PEMX")),
                "security.ssl.internal.truststore-type");
    }

    @Test
    void jksStoresWork() {
        Identity node = ca.issue("jks-node").build();
        Configuration config = with(good, "security.ssl.keystore", fixture.keyStore(node, "JKS").toString());
        config.setString("security.ssl.internal.keystore-type", "JKS");
        config.setString("security.ssl.truststore", fixture.trustStore("JKS", ca.certificate()).toString());
        config.setString("security.ssl.internal.truststore-type", "jks");
        assertThatCode(internalServer(config)).doesNotThrowAnyException();
    }

    @Test
    void missingTruststoreForInternalTls() {
        Configuration config = without(good, "security.ssl.truststore", "security.ssl.truststore-password");
        String message = refused(internalServer(config), "security.ssl.internal.truststore");
        assertThat(message).contains("'security.ssl.truststore'");
    }

    @Test
    void truststoreWithoutPassword() {
        Configuration config = without(good, "security.ssl.truststore-password");
        refused(internalServer(config), "security.ssl.internal.truststore-password");
    }

    @Test
    void unknownProvider() {
        String message = refused(internalServer(with(good, "security.ssl.provider", "BORINGSSL")), "security.ssl.provider");
        assertThat(message).contains("JDK").contains("OPENSSL");
    }

    @Test
    void unsupportedProtocol() {
        String message = refused(internalServer(with(good, "security.ssl.protocol", "TLSv1.2,TLSv1.4")), "security.ssl.protocol");
        assertThat(message).contains("TLSv1.4").contains("TLSv1.3");
    }

    @Test
    void protocolTheJvmDisables() {
        String message = refused(internalServer(with(good, "security.ssl.protocol", "TLSv1.1")), "security.ssl.protocol");
        assertThat(message).contains("jdk.tls.disabledAlgorithms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void noSupportedCipherSuiteListsTheSupportedOnes(String provider) {
        Configuration config = with(good, "security.ssl.algorithms", "TLS_FOO_WITH_BAR,TLS_DHE_DSS_WITH_RC4");
        config.setString("security.ssl.provider", provider);
        String message = refused(internalServer(config), "security.ssl.algorithms");
        assertThat(message).contains("TLS_FOO_WITH_BAR").contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void rsaSuitesWithAnEcKey(String provider) {
        Identity ecNode = ca.issue("ec-node").keys(TestCertificates.ecP256()).build();
        Configuration config = fixture.internal(ecNode, ca.certificate());
        config.setString("security.ssl.protocol", "TLSv1.2");
        config.setString("security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        config.setString("security.ssl.provider", provider);
        String message = refused(internalServer(config), "security.ssl.algorithms");
        assertThat(message).contains("[EC]");
    }

    @Test
    void tls13OnlyWithoutTls13SuitesOnTheJdk() {
        Configuration config = with(good, "security.ssl.protocol", "TLSv1.3");
        config.setString("security.ssl.algorithms", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        refused(internalServer(config), "security.ssl.algorithms");
    }

    @Test
    void suitesTheEngineLacksAreDroppedWithAWarning() throws Exception {
        // Flink's docs recommend DHE suites first; BoringSSL has none.
        Configuration config = with(good, "security.ssl.algorithms",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        config.setString("security.ssl.protocol", "TLSv1.2");
        config.setString("security.ssl.provider", "OPENSSL");
        try (LogCapture log = new LogCapture()) {
            assertThat(SSLUtils.createInternalServerSSLEngineFactory(config)).isNotNull();
            assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("security.ssl.algorithms").contains("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")
                    .contains("OPENSSL"));
        }
    }

    @Test
    void certificateSignedByAnExpiredCa() {
        Identity expiredCa = TestCertificates.identity("expired-ca").ca().expired().build();
        Configuration config = fixture.internal(expiredCa.issue("tm").build(), expiredCa.certificate());
        String message = refused(internalServer(config), "security.ssl.keystore");
        assertThat(message).contains("expired-ca").contains("expired on");
    }

    @Test
    void certificateSignedByANotYetValidCa() {
        Identity futureCa = TestCertificates.identity("future-ca").ca().notYetValid().build();
        Configuration config = fixture.internal(futureCa.issue("tm").build(), futureCa.certificate());
        String message = refused(internalServer(config), "security.ssl.keystore");
        assertThat(message).contains("not valid before");
    }

    @Test
    void expiredCaSignedCertificate() {
        Configuration config = fixture.internal(ca.issue("old-tm").expired().build(), ca.certificate());
        String message = refused(internalServer(config), "security.ssl.keystore");
        assertThat(message).contains("old-tm").contains("expired on");
    }

    @Test
    void expiredSelfSignedCertificateInTheTruststoreStillWorksWithAWarning() throws Exception {
        Identity old = TestCertificates.identity("old-self-signed").expired().build();
        Configuration config = fixture.internal(old, old.certificate());
        try (LogCapture log = new LogCapture()) {
            assertThat(SSLUtils.createInternalServerSSLEngineFactory(config)).isNotNull();
            assertThat(log.at(Level.WARN)).anySatisfy(line ->
                    assertThat(line).contains("old-self-signed").contains("expired on").contains("trust anchor"));
        }
    }

    @Test
    void truststoreThatDoesNotTrustTheOwnCertificate() {
        Identity otherCa = TestCertificates.identity("other-ca").ca().build();
        Configuration config = fixture.internal(ca.issue("tm").build(), otherCa.certificate());
        String message = refused(internalServer(config), "security.ssl.truststore");
        assertThat(message).contains("own certificate");
    }

    @Test
    void certificateWithoutClientAuthUsageCannotServeInternalMutualTls() {
        Configuration config = fixture.internal(ca.issue("server-only").serverAuthOnly().build(), ca.certificate());
        String message = refused(internalServer(config), "security.ssl.truststore");
        assertThat(message).contains("as a client").contains("clientAuth");
    }

    @Test
    void privateKeyThatDoesNotBelongToTheCertificate() throws Exception {
        Identity node = ca.issue("tm").build();
        Identity other = ca.issue("someone-else").build();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", other.keys.getPrivate(), KEY_PASSWORD.toCharArray(), node.chain);
        Path file = dir.resolve("mismatched.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        String message = refused(internalServer(with(good, "security.ssl.keystore", file.toString())), "security.ssl.keystore");
        assertThat(message).contains("does not belong");
    }

    @Test
    void malformedBooleansAndNumbers() {
        Configuration rest = fixture.rest(ca.issue("rest").build(), ca.certificate());
        refused(() -> SSLUtils.createRestServerSSLEngineFactory(with(rest, "security.ssl.rest.authentication-enabled", "yes")),
                "security.ssl.rest.authentication-enabled");
        refused(internalServer(with(good, "security.ssl.internal.handshake-timeout", "-5")),
                "security.ssl.internal.handshake-timeout");
        refused(internalServer(with(good, "security.ssl.handshake-timeout", "ten")), "security.ssl.handshake-timeout");
        refused(internalServer(with(good, "security.ssl.verify-hostname", "maybe")), "security.ssl.verify-hostname");
        refused(internalServer(with(good, "security.ssl.protocol", " , ")), "security.ssl.protocol");
    }

    @Test
    void restServerWithoutKeystore() {
        Configuration config = fixture.rest(null, ca.certificate());
        String message = refused(() -> SSLUtils.createRestServerSSLEngineFactory(config), "security.ssl.rest.keystore");
        assertThat(message).contains("REST server");
    }

    /** Without a truststore of its own, a REST server would take client certificates from any CA the JVM trusts. */
    @Test
    void restMutualTlsWithoutATruststore() {
        Configuration config = with(fixture.rest(ca.issue("rest").build()), "security.ssl.rest.authentication-enabled", "true");
        String message = refused(() -> SSLUtils.createRestServerSSLEngineFactory(config), "security.ssl.rest.truststore");
        assertThat(message).contains("'security.ssl.truststore'").contains("client certificates");
    }

    /** YAML keeps the spaces of a quoted value, and so does the keystore's password. */
    @ParameterizedTest
    @ValueSource(strings = {"pw-with-trailing-space ", "   ", " leading"})
    void passwordsAreTakenVerbatim(String password) {
        Path store = TestCertificates.keyStore(dir.resolve("spaced-" + password.length() + ".p12"), "PKCS12",
                password, password, ca.issue("spaced").build());
        Configuration config = with(without(good, "security.ssl.key-password"), "security.ssl.keystore", store.toString());
        config.setString("security.ssl.keystore-password", password);
        assertThatCode(internalServer(config)).doesNotThrowAnyException();
    }

    /** The JDK reads more store types than the documented two; each is refused with the list. */
    @ParameterizedTest
    @ValueSource(strings = {"JCEKS", "CaseExactJKS", "DKS"})
    void storeTypesBeyondPkcs12AndJks(String type) {
        Identity node = ca.issue("typed-node").build();
        String fileType = type.equals("DKS") ? "PKCS12" : type.equals("CaseExactJKS") ? "JKS" : type;
        Configuration config = with(good, "security.ssl.keystore", fixture.keyStore(node, fileType).toString());
        config.setString("security.ssl.internal.keystore-type", type);
        String message = refused(internalServer(config), "security.ssl.internal.keystore-type");
        assertThat(message).contains("'" + type + "'").contains("PKCS12").contains("JKS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "-99999999999", "2147483648"})
    void numbersOutOfRangeAreSaidToBe(String value) {
        String message = refused(internalServer(with(good, "security.ssl.internal.handshake-timeout", value)),
                "security.ssl.internal.handshake-timeout");
        assertThat(message).contains("out of range").doesNotContain("not a whole number");
    }

    /** Integer.parseInt reads any script's digits; a configuration should not. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0661\u0660\u0660\u0660", "\uff11\uff10\uff10\uff10", "+1000"})
    void numbersInOtherDigitsOrWithASignAreRefused(String value) {
        String message = refused(internalServer(with(good, "security.ssl.internal.handshake-timeout", value)),
                "security.ssl.internal.handshake-timeout");
        assertThat(message).contains("not a whole number");
    }

    /** A signalling value is not a cipher suite: a list of nothing else is the suites' fault, not the keystore's. */
    @Test
    void signallingSuiteAlone() {
        Configuration config = with(good, "security.ssl.algorithms", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        config.setString("security.ssl.protocol", "TLSv1.2");
        String message = refused(internalServer(config), "security.ssl.algorithms");
        assertThat(message).contains("TLS_EMPTY_RENEGOTIATION_INFO_SCSV").contains("signalling");
    }

    /**
     * A truststore with the process's own certificate instead of the CA that issued it: servers ask
     * for client certificates issued by the CAs in the truststore, so no client presents one.
     */
    @Test
    void truststoreHoldingTheLeafInsteadOfItsCa() {
        Identity node = ca.issue("tm").build();
        Configuration config = fixture.internal(node, node.certificate());
        String message = refused(internalServer(config), "security.ssl.truststore");
        assertThat(message).contains("CN=tm").contains("CN=internal-ca");
    }

    @Test
    void keyPasswordFallsBackToTheKeystorePassword() {
        Identity node = ca.issue("p12-node").build();
        Path store = TestCertificates.keyStore(dir.resolve("single-password.p12"), "PKCS12", STORE_PASSWORD, STORE_PASSWORD, node);
        Configuration config = with(without(good, "security.ssl.key-password"), "security.ssl.keystore", store.toString());
        assertThatCode(internalServer(config)).doesNotThrowAnyException();
    }
}
