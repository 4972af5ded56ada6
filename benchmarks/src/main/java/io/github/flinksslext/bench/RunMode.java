package io.github.flinksslext.bench;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How long to measure: smoke (CI, proves the benchmarks run), quick (under 15 minutes), full. */
public enum RunMode {
    SMOKE(1, 0, 1, 200),
    QUICK(1, 1, 3, 1000),
    FULL(1, 2, 5, 2000);

    private final int forks;
    private final int warmups;
    private final int iterations;
    private final int iterationMillis;

    RunMode(int forks, int warmups, int iterations, int iterationMillis) {
        this.forks = forks;
        this.warmups = warmups;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
    }

    int warmups() {
        return warmups;
    }

    String lowerCase() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
        TimeValue time = TimeValue.milliseconds(iterationMillis);
        return options.forks(forks)
                .warmupIterations(warmups).warmupTime(time)
                .measurementIterations(iterations).measurementTime(time);
    }

    /** Smoke runs every benchmark once with one parameter set; quick a subset; full every value. */
    String[] values(String[] quick, String[] full, String smoke) {
        switch (this) {
            case SMOKE:
                return new String[] {smoke};
            case QUICK:
                return quick;
            default:
                return full;
        }
    }
}
