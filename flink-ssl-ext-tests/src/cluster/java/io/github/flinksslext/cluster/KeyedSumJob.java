package io.github.flinksslext.cluster;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.util.HashMap;
import java.util.Map;

/**
 * A streaming job whose keyBy shuffle crosses TaskManagers: a parallel sequence, keyed by value
 * modulo {@link #KEYS}, summed per key. The last sum emitted per key is the key's total, so the
 * result can be checked exactly.
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

    public static Result run(StreamExecutionEnvironment env, long records) throws Exception {
        env.setParallelism(2);
        long started = System.nanoTime();
        Map<Long, Long> sums = new HashMap<>();
        try (CloseableIterator<Tuple2<Long, Long>> out = env.fromSequence(1, records)
                .map(value -> Tuple2.of(value % KEYS, value))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(pair -> pair.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .executeAndCollect("keyed sum across TaskManagers over TLS")) {
            while (out.hasNext()) {
                Tuple2<Long, Long> sum = out.next();
                sums.merge(sum.f0, sum.f1, Math::max);
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
