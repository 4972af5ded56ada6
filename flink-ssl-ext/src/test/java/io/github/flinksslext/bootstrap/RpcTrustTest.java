package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.engine.InMemoryHandshake;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.util.FingerprintTrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flink's RPC layer (Pekko) builds its pinned trust exactly like this: Netty's
 * FingerprintTrustManagerFactory builder with "SHA1" and the split option value, then init with the
 * truststore it loaded, then JDK engines with mutual authentication. With the jar first, that class
 * is the jar's: real in-memory handshakes show chain AND pin are checked, in every pin form.
 */
class RpcTrustTest {

    private static final String PIN_KEY = "security.ssl.internal.cert.fingerprint";

    private final Identity ca = TestCertificates.identity("internal-ca").ca().build();
    private final Identity node = ca.issue("jobmanager").build();

    @AfterEach
    void forgetProcessConfiguration() {
        ProcessConfiguration.remember(null);
    }

    @ParameterizedTest
    @EnumSource(PinForms.class)
    void everyPinFormLetsThePinnedPeerIn(PinForms form) throws Exception {
        Identity taskManager = ca.issue("taskmanager").build();
        List<String> pins = Arrays.asList(form.of(taskManager.certificate()), form.of(node.certificate()));

        InMemoryHandshake.Result result = handshake(taskManager, pins, node, pins);

        assertThat(result.protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void anUnpinnedPeerOfTheSameCaIsRefusedWithTheReport() {
        Identity intruder = ca.issue("intruder-taskmanager").build();
        List<String> pins = List.of(PinForms.SHA256_COLONS_LOWER.of(node.certificate()));

        // the intruder trusts the CA and pins nothing; the JobManager's side refuses it
        assertThatThrownBy(() -> handshake(intruder, null, node, pins))
                .satisfies(e -> assertThat(messages(e))
                        .contains("Certificate pinning failure")
                        .contains("the client's certificate matches none of the pins in '" + PIN_KEY + "'")
                        .contains("CN=intruder-taskmanager")
                        .contains(PinForms.PUBLIC_KEY_SHA256.of(intruder.certificate())));
    }

    @Test
    void aPinnedButExpiredPeerIsRefusedByItsChain() {
        Identity expired = ca.issue("expired-taskmanager").expired().build();
        List<String> pins = List.of(PinForms.SHA1_COLONS_UPPER.of(expired.certificate()),
                PinForms.SHA1_COLONS_UPPER.of(node.certificate()));

        // Netty's own factory compares only the SHA-1 and would let this peer in
        assertThatThrownBy(() -> handshake(expired, null, node, pins))
                .satisfies(e -> assertThat(messages(e))
                        .contains("Certificate chain check failed")
                        .contains("CN=expired-taskmanager"));
    }

    @Test
    void aPinnedPeerOutsideTheTruststoreIsRefusedUnlessPinOnlyIsConfigured() throws Exception {
        Identity otherCa = TestCertificates.identity("other-ca").ca().build();
        Identity outsider = otherCa.issue("outsider").build();
        List<String> pins = List.of(PinForms.SHA256_PLAIN_MIXED_CASE.of(outsider.certificate()));

        // the pinned side connects to a TaskManager whose CA its truststore lacks
        assertThatThrownBy(() -> handshake(node, pins, outsider, null))
                .satisfies(e -> assertThat(messages(e))
                        .contains("Certificate chain check failed")
                        .contains("the truststore of 'security.ssl.internal.truststore'"));

        Configuration pinOnly = new Configuration();
        pinOnly.setString("security.ssl.internal.cert.pin-only", "true");
        pinOnly.setString(PIN_KEY, pins.get(0));
        ProcessConfiguration.remember(pinOnly);
        assertThat(handshake(node, pins, outsider, null).protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void aMalformedPinStopsRpcNamingTheOption() {
        assertThatThrownBy(() -> FingerprintTrustManagerFactory.builder("SHA1").fingerprints("sha256/not-base64!").build())
                .isInstanceOf(SslConfigurationException.class)
                .hasMessageContaining("'" + PIN_KEY + "'")
                .hasMessageContaining("sha256/not-base64!");
    }

    @Test
    void netty4sDeprecatedConstructorsStillPin() throws Exception {
        Identity taskManager = ca.issue("taskmanager").build();
        FingerprintTrustManagerFactory factory = new FingerprintTrustManagerFactory(
                java.security.MessageDigest.getInstance("SHA-1").digest(taskManager.certificate().getEncoded()));
        factory.init(trustStore(ca.certificate()));
        X509Certificate[] chain = taskManager.chain;
        ((javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0]).checkClientTrusted(chain, "RSA");
        assertThatThrownBy(() -> ((javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0])
                        .checkClientTrusted(node.chain, "RSA"))
                .hasMessageContaining("Certificate pinning failure");
    }

    /** Client and server as Pekko builds them; null pins mean plain truststore trust. */
    private InMemoryHandshake.Result handshake(
            Identity client, List<String> clientPins, Identity server, List<String> serverPins) throws Exception {
        SSLEngine clientEngine = pekkoEngine(client, trust(clientPins, ca.certificate()), true);
        SSLEngine serverEngine = pekkoEngine(server, trust(serverPins, ca.certificate()), false);
        return InMemoryHandshake.run(clientEngine, serverEngine);
    }

    private static TrustManager[] trust(List<String> pins, X509Certificate... trusted) throws Exception {
        TrustManagerFactory factory = pins == null
                ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                : FingerprintTrustManagerFactory.builder("SHA1").fingerprints(pins).build();
        factory.init(trustStore(trusted));
        return factory.getTrustManagers();
    }

    private static SSLEngine pekkoEngine(Identity identity, TrustManager[] trust, boolean client) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", identity.keys.getPrivate(), "pw".toCharArray(), identity.chain);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(keyManagers.getKeyManagers(), trust, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        engine.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        if (!client) {
            engine.setNeedClientAuth(true);
        }
        return engine;
    }

    private static KeyStore trustStore(X509Certificate... trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("ca-" + i, trusted[i]);
        }
        return store;
    }

    private static String messages(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}
