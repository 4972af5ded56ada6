package io.github.flinksslext.cluster;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.util.HashMap;
import java.util.Map;

/**
 * A streaming job whose keyBy shuffle crosses TaskManagers: a parallel sequence, keyed by value
 * modulo {@link #KEYS}, summed per key in a count window that closes when the key has all its
 * records. One sum per key comes back, so the result can be checked exactly and the rate is the
 * shuffle's, not the result collection's.
 */
public final class KeyedSumJob {

    public static final int KEYS = 16;

    /** What the job produced and how fast. */
    public static final class Result {
        public final Map<Long, Long> sums;
        public final long records;
        public final long millis;

        Result(Map<Long, Long> sums, long records, long millis) {
            this.sums = sums;
            this.records = records;
            this.millis = millis;
        }
    }

    private KeyedSumJob() {}

    /** @param records a multiple of {@link #KEYS} */
    public static Result run(StreamExecutionEnvironment env, long records) throws Exception {
        if (records % KEYS != 0) {
            throw new IllegalArgumentException(records + " is not a multiple of " + KEYS);
        }
        env.setParallelism(2);
        long started = System.nanoTime();
        Map<Long, Long> sums = new HashMap<>();
        try (CloseableIterator<Tuple2<Long, Long>> out = env.fromSequence(1, records)
                .map(value -> Tuple2.of(value % KEYS, value))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(pair -> pair.f0)
                .countWindow(records / KEYS)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .executeAndCollect("keyed sum across TaskManagers over TLS")) {
            while (out.hasNext()) {
                Tuple2<Long, Long> sum = out.next();
                if (sums.put(sum.f0, sum.f1) != null) {
                    throw new IllegalStateException("key " + sum.f0 + " was summed twice");
                }
            }
        }
        return new Result(sums, records, (System.nanoTime() - started) / 1_000_000);
    }

    public static Map<Long, Long> expected(long records) {
        Map<Long, Long> sums = new HashMap<>();
        for (long value = 1; value <= records; value++) {
            sums.merge(value % KEYS, value, Long::sum);
        }
        return sums;
    }
}
