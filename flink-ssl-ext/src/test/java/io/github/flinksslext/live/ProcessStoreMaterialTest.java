package io.github.flinksslext.live;

import io.github.flinksslext.config.EndpointSettingsParser;
import io.github.flinksslext.config.StoreLocation;
import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.stores.KeyMaterial;
import io.github.flinksslext.stores.TrustMaterial;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store is opened (a keystore decrypted and checked) once per content, passwords and provider in
 * a process (the early hook, then every context on the same file), and read again as soon as its
 * content changes.
 */
class ProcessStoreMaterialTest {

    @TempDir
    Path dir;

    @Test
    void theSameContentIsDecryptedOnceAndNewContentIsReadAgain() throws Exception {
        TlsFixture fixture = new TlsFixture(dir);
        Identity ca = TestCertificates.identity("ca").ca().keys(TestCertificates.ecP256()).build();
        Configuration config = fixture.internal(ca.issue("first").keys(TestCertificates.ecP256()).build(), ca.certificate());
        StoreLocation location = EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL).keyStore().get();

        KeyMaterial first = ProcessTls.get().keyMaterial(location, SslProvider.JDK);
        assertThat(ProcessTls.get().keyMaterial(location, SslProvider.JDK).entries()).isSameAs(first.entries());
        // another provider builds its own key manager from the same file
        assertThat(ProcessTls.get().keyMaterial(location, SslProvider.OPENSSL).entries()).isNotSameAs(first.entries());

        Path renewed = fixture.keyStore(ca.issue("second").keys(TestCertificates.ecP256()).build());
        Files.move(renewed, location.path(), StandardCopyOption.REPLACE_EXISTING);
        KeyMaterial second = ProcessTls.get().keyMaterial(location, SslProvider.JDK);
        assertThat(second.entries().get(0).leaf().getSubjectX500Principal().getName()).contains("CN=second");
        assertThat(first.entries().get(0).leaf().getSubjectX500Principal().getName()).contains("CN=first");
    }

    @Test
    void aTruststoreIsReadOnceAndReadAgainWhenItChanges() throws Exception {
        TlsFixture fixture = new TlsFixture(dir);
        Identity first = TestCertificates.identity("first-ca").ca().keys(TestCertificates.ecP256()).build();
        Identity second = TestCertificates.identity("second-ca").ca().keys(TestCertificates.ecP256()).build();
        Configuration config = fixture.internal(first.issue("node").keys(TestCertificates.ecP256()).build(), first.certificate());
        StoreLocation location = EndpointSettingsParser.parse(config, TlsEndpoint.INTERNAL).trustStore().get();

        TrustMaterial before = ProcessTls.get().trustMaterial(location);
        assertThat(ProcessTls.get().trustMaterial(location).store()).isSameAs(before.store());

        Files.move(fixture.trustStore(second.certificate()), location.path(), StandardCopyOption.REPLACE_EXISTING);
        TrustMaterial after = ProcessTls.get().trustMaterial(location);
        assertThat(after.store()).isNotSameAs(before.store());
        assertThat(after.store().getCertificateAlias(second.certificate())).isNotNull();
        assertThat(after.store().getCertificateAlias(first.certificate())).isNull();
    }
}
