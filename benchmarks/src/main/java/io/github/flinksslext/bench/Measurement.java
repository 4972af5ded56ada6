package io.github.flinksslext.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** One benchmark figure with its parameters, read from a JMH result. */
final class Measurement {

    final String method;
    final RunResult run;
    final double score;
    final double error;
    final String unit;

    Measurement(RunResult run) {
        this.run = run;
        String label = run.getParams().getBenchmark();
        this.method = label.substring(label.lastIndexOf('.') + 1);
        Result<?> primary = run.getPrimaryResult();
        this.score = primary.getScore();
        this.error = primary.getScoreError();
        this.unit = primary.getScoreUnit();
    }

    static List<Measurement> of(Collection<RunResult> results) {
        List<Measurement> all = new ArrayList<>();
        for (RunResult result : results) {
            all.add(new Measurement(result));
        }
        return all;
    }

    String param(String name) {
        String value = run.getParams().getParam(name);
        return value == null ? "" : value;
    }

    /** Each fork's score in the order the forks ran: one per round when they ran in rounds. */
    double[] perFork() {
        return run.getBenchmarkResults().stream().mapToDouble(fork -> fork.getPrimaryResult().getScore()).toArray();
    }

    /** "1234 ± 56", the error left out where JMH had too few samples to give one. */
    String figure() {
        return Double.isNaN(error) ? format(score) : format(score) + " ± " + format(error);
    }

    static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double numerator, double denominator) {
        return denominator == 0 ? "–" : String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    /** The ratio of two scores, "–" when either figure is missing. */
    static String ratio(Optional<Measurement> numerator, Optional<Measurement> denominator) {
        return numerator.isPresent() && denominator.isPresent()
                ? ratio(numerator.get().score, denominator.get().score) : "–";
    }

    static Optional<Measurement> find(List<Measurement> all, Predicate<Measurement> filter) {
        return all.stream().filter(filter).findFirst();
    }

    /**
     * The first measurement of {@code method} with each parameter of {@code namesAndValues} (name,
     * value, name, value…); "" stands for a parameter the benchmark does not have.
     */
    static Optional<Measurement> find(List<Measurement> all, String method, String... namesAndValues) {
        return find(all, m -> {
            if (!m.method.equals(method)) {
                return false;
            }
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (!namesAndValues[i + 1].equals(m.param(namesAndValues[i]))) {
                    return false;
                }
            }
            return true;
        });
    }
}
