package io.github.flinksslext.pinning;

import io.github.flinksslext.testing.PinForms;
import io.github.flinksslext.testing.TestCertificates;
import io.github.flinksslext.testing.TestCertificates.Identity;
import io.github.flinksslext.testing.TlsFixture;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.github.flinksslext.testing.Refusals.refused;
import static io.github.flinksslext.testing.TlsFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed pin, and pins that contradict this process's own certificate, refused at startup. */
class PinConfigurationErrorsTest {

    private static final String INTERNAL_PINS = "security.ssl.internal.cert.fingerprint";
    private static final String REST_PINS = "security.ssl.rest.cert.fingerprint";

    @TempDir
    Path dir;

    private Identity node;
    private Configuration internal;
    private Configuration restClient;

    @BeforeEach
    void validConfigurations() {
        TlsFixture fixture = new TlsFixture(dir);
        Identity ca = TestCertificates.identity("ca").ca().build();
        node = ca.issue("tm").build();
        internal = fixture.internal(node, ca.certificate());
        restClient = fixture.rest(null, ca.certificate());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "zz:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33 | is not hex: 'zz'",
        "8A:3F:21                                                    | is 3 bytes long",
        "0123456789abcdef0123456789abcdef0123456789abcdef            | is 24 bytes long",
        "0123456789abcdef0123456789abcdef012345678                   | odd number of hex digits",
        "8A:3F::21                                                   | group '' that is not two hex digits",
        "8A3:F2                                                      | group '8A3' that is not two hex digits",
        "md5:8A:3F                                                   | group 'md5'",
        "sha1/q5TnDfHQjONZ2vEn8z7Xv1CnMIM=                           | unknown prefix 'sha1/'",
        "sha256/not*base64                                           | is not base64",
        "sha256/q5TnDfHQjONZ2vEn8z7Xv1CnMIM=                         | decodes to 20 bytes; a SHA-256 key pin has 32",
        "\" , , \"                                                   | the list is empty",
    })
    void malformedEntryIsRefusedNamingOptionAndEntry(String pins, String problem) {
        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(with(internal, INTERNAL_PINS, pins)),
                INTERNAL_PINS);
        assertThat(message).contains(problem);
        if (!pins.trim().replace(",", "").trim().isEmpty()) {
            assertThat(message).contains("the entry '" + pins.trim() + "'");
        }
    }

    /** Character.digit reads fullwidth and Arabic-Indic digits as hex; a pin is ASCII. */
    @ParameterizedTest
    @CsvSource({"\uff10, 0", "\u0660, 0", "\uff21, A"})
    void pinsInOtherScriptsAreRefused(String lookalike, String ascii) {
        String pin = PinForms.SHA256_COLONS_LOWER.of(node.certificate()).toUpperCase();
        String disguised = pin.indexOf(ascii) >= 0 ? pin.replace(ascii, lookalike) : lookalike + pin.substring(1);
        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(with(internal, INTERNAL_PINS, disguised)),
                INTERNAL_PINS);
        assertThat(message).contains("is not hex");
    }

    @Test
    void oneBadEntryAmongGoodOnesIsNamed() {
        String pins = PinForms.SHA256_COLONS_LOWER.of(node.certificate()) + ", 8A:3F";
        String message = refused(() -> SSLUtils.createInternalClientSSLEngineFactory(with(internal, INTERNAL_PINS, pins)),
                INTERNAL_PINS);
        assertThat(message).contains("the entry '8A:3F'");
    }

    @Test
    void restPinsAreParsedWhenTheRestClientIsCreated() {
        String message = refused(() -> SSLUtils.createRestClientSSLEngineFactory(with(restClient, REST_PINS, "sha384/abc")),
                REST_PINS);
        assertThat(message).contains("unknown prefix 'sha384/'");
    }

    /** Every internal peer shares the pins, so pins that exclude this process would refuse every peer. */
    @Test
    void pinsThatExcludeThisProcessesOwnCertificate() {
        Identity other = TestCertificates.identity("ca").ca().build().issue("other").build();
        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(
                        with(internal, INTERNAL_PINS, PinForms.PUBLIC_KEY_SHA256.of(other.certificate()))),
                INTERNAL_PINS);
        assertThat(message).contains("does not accept this process's own certificate 'O=flink-ssl-ext tests,CN=tm'")
                .contains(PinForms.PUBLIC_KEY_SHA256.of(node.certificate()));
    }

    @Test
    void pinOnlyWithoutPins() {
        String message = refused(() -> SSLUtils.createInternalServerSSLEngineFactory(
                with(internal, "security.ssl.internal.cert.pin-only", "true")), "security.ssl.internal.cert.pin-only");
        assertThat(message).contains("names no pins");
    }

    @Test
    void pinOnlyThatIsNotABoolean() {
        String pins = PinForms.SHA1_COLONS_UPPER.of(node.certificate());
        refused(() -> SSLUtils.createRestClientSSLEngineFactory(
                        with(with(restClient, REST_PINS, pins), "security.ssl.rest.cert.pin-only", "yes")),
                "security.ssl.rest.cert.pin-only");
    }
}
