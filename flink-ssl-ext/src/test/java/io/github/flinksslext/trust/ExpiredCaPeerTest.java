package io.github.flinksslext.trust;

import io.github.flinksslext.testing.NettyTlsExchange;
import io.github.flinksslext.testing.NettyTlsExchange.Outcome;
import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.RawPeer;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK does not date-check trust anchors, so a CA that expired but is still in the truststore
 * would let its certificates in. The jar refuses its own certificate in that case; peers get the
 * same rule.
 */
class ExpiredCaPeerTest {

    private static final byte[] PAYLOAD = "records".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String provider : new String[] {"JDK", "OPENSSL"}) {
            for (boolean pinned : new boolean[] {false, true}) {
                for (String peerRole : new String[] {"server", "client"}) {
                    for (String dates : new String[] {"expired", "not yet valid"}) {
                        cases.add(Arguments.of(provider, pinned, peerRole, dates));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, pinned {1}, peer as {2}, CA {3}")
    @MethodSource("cases")
    void aPeerWhoseCaIsOutOfDateIsRefused(String provider, boolean pinned, String peerRole, String dates) throws Exception {
        Identity ca = TestCertificates.identity("internal-ca").ca().build();
        TestCertificates.Builder staleCaBuilder = TestCertificates.identity("stale-ca").ca();
        Identity staleCa = (dates.equals("expired") ? staleCaBuilder.expired() : staleCaBuilder.notYetValid()).build();
        Identity node = ca.issue("taskmanager").build();
        Identity peer = staleCa.issue("tm-of-stale-ca").build();
        Configuration verifier = with(new TlsFixture(dir).internal(node, ca.certificate(), staleCa.certificate()),
                "security.ssl.provider", provider);
        if (pinned) {
            verifier.setString("security.ssl.internal.cert.fingerprint",
                    PinForms.SHA256_COLONS_LOWER.of(node.certificate()) + "," + PinForms.PUBLIC_KEY_SHA256.of(peer.certificate()));
        }

        Outcome outcome = peerRole.equals("server")
                ? NettyTlsExchange.run(RawPeer.server(peer), SSLUtils.createInternalClientSSLEngineFactory(verifier), PAYLOAD)
                : NettyTlsExchange.run(SSLUtils.createInternalServerSSLEngineFactory(verifier), RawPeer.client(peer), PAYLOAD);

        assertThat(outcome.succeeded()).as("accepted a peer of an out-of-date CA").isFalse();
        assertThat(peerRole.equals("server") ? outcome.clientFailure : outcome.serverFailure)
                .as("the verifying side refuses").isNotNull();
        assertThat(outcome.failureMessages())
                .contains("Certificate chain check failed: the " + peerRole + "'s chain")
                .contains("CN=stale-ca")
                .contains(dates.equals("expired") ? "expired on" : "not valid before")
                .contains("CN=tm-of-stale-ca");
    }
}
