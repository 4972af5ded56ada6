package io.github.flinksslext.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedRatioTest {

    @Test
    void aSlowdownSharedByBothSidesOfARoundDropsOut() {
        // the second round ran while the host was at half speed: each side's mean spreads, the pairs do not
        PairedRatio paired = PairedRatio.of(new double[] {100, 50, 100}, new double[] {80, 40, 80}).orElseThrow();

        assertThat(paired.ratio).isCloseTo(1.25, within(1e-9));
        assertThat(paired.low).isCloseTo(1.25, within(1e-9));
        assertThat(paired.high).isCloseTo(1.25, within(1e-9));
        assertThat(paired.rounds()).isEqualTo("1.25, 1.25, 1.25");
    }

    @Test
    void geometricMeanWithStudentsIntervalOverTheLogarithms() {
        // ratios 1.1, 0.9 and 1.0: logs 0.09531, -0.10536, 0; mean -0.0033513; sample sd 0.100377;
        // t(0.975, 2 degrees of freedom) 4.302653, so the half width is 4.302653 * 0.100377 / sqrt(3) = 0.249350
        PairedRatio paired = PairedRatio.of(new double[] {110, 90, 100}, new double[] {100, 100, 100}).orElseThrow();

        assertThat(paired.ratio).isCloseTo(Math.exp(-0.0033513), within(1e-5));
        assertThat(paired.low).isCloseTo(Math.exp(-0.0033513 - 0.249350), within(1e-4));
        assertThat(paired.high).isCloseTo(Math.exp(-0.0033513 + 0.249350), within(1e-4));
        assertThat(paired.figure()).isEqualTo("1.00 (0.78 to 1.28)");
    }

    @Test
    void noPairsWithoutTheSameRoundsOnBothSidesOrWithTooFew() {
        assertThat(PairedRatio.of(new double[] {1, 2, 3}, new double[] {1, 2})).isEmpty();
        assertThat(PairedRatio.of(new double[] {1, 2}, new double[] {1, 2})).isEmpty();
    }
}
