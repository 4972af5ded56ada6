package io.github.flinksslext.bench;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The ratio of two benchmarks that ran in the same rounds, paired by round: the geometric mean of
 * the per-round ratios with its 95 % confidence interval (Student's t over their logarithms).
 * This shared host changes speed for minutes at a time; a round's two forks run minutes apart at
 * most, so a slow stretch lowers both sides of its pair and drops out of their ratio, where it
 * widens the error of each side's own mean.
 */
final class PairedRatio {

    /** Fewer rounds give no interval worth printing. */
    static final int MIN_ROUNDS = 3;

    final double ratio;
    final double low;
    final double high;
    final double[] perRound;

    private PairedRatio(double ratio, double low, double high, double[] perRound) {
        this.ratio = ratio;
        this.low = low;
        this.high = high;
        this.perRound = perRound;
    }

    /** Empty unless both ran in the same number of rounds, at least {@link #MIN_ROUNDS}. */
    static Optional<PairedRatio> of(Measurement numerator, Measurement denominator) {
        return of(numerator.perFork(), denominator.perFork());
    }

    /** @param top, bottom each round's score, in the order the rounds ran */
    static Optional<PairedRatio> of(double[] top, double[] bottom) {
        if (top.length != bottom.length || top.length < MIN_ROUNDS) {
            return Optional.empty();
        }
        int n = top.length;
        double[] ratios = new double[n];
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = top[i] / bottom[i];
            logs[i] = Math.log(ratios[i]);
        }
        double mean = Arrays.stream(logs).average().orElseThrow();
        double squares = 0;
        for (double log : logs) {
            squares += Math.pow(log - mean, 2);
        }
        double halfWidth = new TDistribution(n - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt(squares / (n - 1) / n);
        return Optional.of(new PairedRatio(Math.exp(mean), Math.exp(mean - halfWidth), Math.exp(mean + halfWidth), ratios));
    }

    /** The figure of the pair, or "–" where either side is missing or they did not run in the same rounds. */
    static String figure(Optional<Measurement> numerator, Optional<Measurement> denominator) {
        return numerator.flatMap(top -> denominator.flatMap(bottom -> of(top, bottom))).map(PairedRatio::figure).orElse("–");
    }

    /** "1.02 (0.95 to 1.10)". */
    String figure() {
        return String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", ratio, low, high);
    }

    /** "0.98, 1.05, 1.01": each round's ratio, in the order the rounds ran. */
    String rounds() {
        StringBuilder out = new StringBuilder();
        for (double r : perRound) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        return out.toString();
    }
}
