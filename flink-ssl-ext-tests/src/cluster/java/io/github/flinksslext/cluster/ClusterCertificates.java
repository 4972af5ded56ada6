package io.github.flinksslext.cluster;

import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * Throwaway certificates for a whole cluster, as an operator would issue them: one CA, one internal
 * certificate shared by JobManager and TaskManagers (pinned), a REST server certificate for
 * "localhost", and a REST client certificate for the operator's tools.
 */
public final class ClusterCertificates {

    public final Identity ca;
    public final Identity internal;
    public final Identity restServer;
    public final Identity restClient;
    private final TlsFixture fixture;
    private final Path internalKeyStore;
    private final Path restServerKeyStore;
    private final Path restClientKeyStore;
    private final Path trustStore;

    private final Supplier<KeyPair> keys;

    /** EC P-256 keys: what the jar recommends. */
    public ClusterCertificates(Path dir) {
        this(dir, TestCertificates::ecP256);
    }

    /** @param keys RSA for clusters whose RPC layer (Pekko) still offers RSA-only suites */
    public ClusterCertificates(Path dir, Supplier<KeyPair> keys) {
        this.keys = keys;
        fixture = new TlsFixture(dir);
        ca = TestCertificates.identity("cluster-ca").keys(keys.get()).ca().build();
        internal = ca.issue("flink-internal").keys(keys.get()).build();
        restServer = ca.issue("flink-rest").keys(keys.get()).dnsName("localhost").build();
        restClient = ca.issue("operator").keys(keys.get()).build();
        internalKeyStore = fixture.keyStore(internal);
        restServerKeyStore = fixture.keyStore(restServer);
        restClientKeyStore = fixture.keyStore(restClient);
        trustStore = fixture.trustStore(ca.certificate());
    }

    /** Another certificate from the same CA: what an intruder with access to the CA's issuance would hold. */
    public Identity sameCaStranger(String name) {
        return ca.issue(name).keys(keys.get()).build();
    }

    /** A certificate of the same CA that is out of its validity. */
    public Identity sameCaExpired(String name) {
        return ca.issue(name).keys(keys.get()).expired().build();
    }

    public Path keyStoreOf(Identity identity) {
        return fixture.keyStore(identity);
    }

    /**
     * Internal TLS pinned to the internal certificate's SHA-256 fingerprint (a form Flink itself
     * cannot parse), REST TLS with mutual authentication, for a JobManager or TaskManager.
     */
    public Configuration cluster(String provider) {
        Configuration config = new Configuration();
        config.setString("security.ssl.provider", provider);
        config.setString("security.ssl.internal.enabled", "true");
        config.setString("security.ssl.internal.keystore", internalKeyStore.toString());
        config.setString("security.ssl.internal.keystore-password", TlsFixture.STORE_PASSWORD);
        config.setString("security.ssl.internal.key-password", TlsFixture.KEY_PASSWORD);
        config.setString("security.ssl.internal.truststore", trustStore.toString());
        config.setString("security.ssl.internal.truststore-password", TlsFixture.TRUST_PASSWORD);
        config.setString("security.ssl.internal.cert.fingerprint", sha256(internal.certificate()));
        config.setString("security.ssl.rest.enabled", "true");
        config.setString("security.ssl.rest.authentication-enabled", "true");
        config.setString("security.ssl.rest.keystore", restServerKeyStore.toString());
        config.setString("security.ssl.rest.keystore-password", TlsFixture.STORE_PASSWORD);
        config.setString("security.ssl.rest.key-password", TlsFixture.KEY_PASSWORD);
        config.setString("security.ssl.rest.truststore", trustStore.toString());
        config.setString("security.ssl.rest.truststore-password", TlsFixture.TRUST_PASSWORD);
        config.setString("rest.address", "localhost");
        config.setString("rest.bind-address", "localhost");
        config.setString("rest.bind-port", "0");
        return config;
    }

    /** What the CLI of an operator holds: REST mutual TLS with the operator's certificate. */
    public Configuration restClientOf(Configuration cluster, String host, int port) {
        Configuration config = new Configuration(cluster);
        config.setString("security.ssl.rest.keystore", restClientKeyStore.toString());
        config.setString("rest.address", host);
        config.setString("rest.port", Integer.toString(port));
        config.setString("rest.retry.max-attempts", "0");
        return config;
    }

    /** An SSLContext for a client that is not Flink (the JDK's HttpClient), with or without the operator's certificate. */
    public SSLContext httpClientContext(boolean presentCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, TlsFixture.TRUST_PASSWORD));
        KeyManagerFactory keys = null;
        if (presentCertificate) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(restClientKeyStore, TlsFixture.STORE_PASSWORD), TlsFixture.KEY_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A client that is not Flink, presenting {@code identity} and trusting the cluster's CA: for peers the cluster should refuse. */
    public SSLContext clientContextOf(Identity identity) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, TlsFixture.TRUST_PASSWORD));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(fixture.keyStore(identity), TlsFixture.STORE_PASSWORD), TlsFixture.KEY_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    public static String sha256(X509Certificate cert) {
        return PinForms.SHA256_COLONS_LOWER.of(cert);
    }

    /** The form keytool prints and Flink's RPC layer (Pekko) reads. */
    public static String sha1(X509Certificate cert) {
        return PinForms.SHA1_COLONS_UPPER.of(cert);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
