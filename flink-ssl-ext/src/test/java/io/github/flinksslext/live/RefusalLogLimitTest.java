package io.github.flinksslext.live;

import io.github.flinksslext.spi.TlsEndpoint;
import io.github.flinksslext.spi.TlsSide;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusal log's limit, on a clock of the test's own: what is held back is all reported later. */
class RefusalLogLimitTest {

    private static final EndpointSide INTERNAL_SERVER = new EndpointSide(TlsEndpoint.INTERNAL, TlsSide.SERVER);

    @Test
    void aThousandRefusalsInFiveMinutesGiveFiveLinesAMinutePerCauseAndEveryOneIsAccountedFor() {
        Handshakes handshakes = new Handshakes();
        long start = 1_000_000L;
        int lines = 0;
        long reportedHeldBack = 0;
        for (int i = 0; i < 1000; i++) {
            long now = start + i * 300L; // one every 0.3 s: five minutes in all
            long heldBack = handshakes.mayLogRefusal(INTERNAL_SERVER, HandshakeFailure.PIN_MISMATCH, now);
            if (heldBack >= 0) {
                lines++;
                reportedHeldBack += heldBack;
            }
        }
        long stillHeldBack = handshakes.mayLogRefusal(INTERNAL_SERVER, HandshakeFailure.PIN_MISMATCH, start + 3_600_000L);

        assertThat(lines).isEqualTo(5 * Handshakes.REFUSAL_LINES_PER_WINDOW);
        assertThat(lines + reportedHeldBack + stillHeldBack).isEqualTo(1000);
        // another cause, another endpoint side: a line of its own at once
        assertThat(handshakes.mayLogRefusal(INTERNAL_SERVER, HandshakeFailure.CHAIN_NOT_TRUSTED, start)).isZero();
        assertThat(handshakes.mayLogRefusal(new EndpointSide(TlsEndpoint.REST, TlsSide.SERVER), HandshakeFailure.PIN_MISMATCH, start))
                .isZero();
    }
}
