package io.github.flinksslext.hook;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Random;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The handlers the jar hands Flink carry a whole data stream of many records intact, both ways. */
class StreamHandlersTest {

    @TempDir
    Path dir;

    private Configuration internal;

    @BeforeEach
    void material() {
        Identity ca = TestCertificates.identity("stream-ca").ca().build();
        internal = new TlsFixture(dir).internal(ca.issue("taskmanager").build(), ca.certificate());
    }

    /** Several MiB both ways, more than one TLS record per write, through Flink's pipeline handlers. */
    @ParameterizedTest
    @ValueSource(strings = {"JDK", "OPENSSL"})
    void aStreamOfManyRecordsArrivesIntact(String provider) throws Exception {
        Configuration config = with(internal, "security.ssl.provider", provider);
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(payload);

        Outcome outcome = NettyTlsExchange.run(
                SSLUtils.createInternalServerSSLEngineFactory(config),
                SSLUtils.createInternalClientSSLEngineFactory(config),
                payload);

        assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
        assertThat(outcome.echoed).isEqualTo(payload);
    }
}
