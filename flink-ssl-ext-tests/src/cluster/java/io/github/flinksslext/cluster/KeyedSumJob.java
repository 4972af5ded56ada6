package io.github.flinksslext.cluster;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
        return run(env, records, null);
    }

    /**
     * Holds the record in the middle of the sequence until a file exists, so that a test can act
     * while the job runs, its data-plane connections open: it writes {@code paused} when it
     * stops and goes on when {@code resume} appears.
     */
    public static final class PauseInTheMiddle implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private final long at;
        private final String paused;
        private final String resume;

        public PauseInTheMiddle(long records, Path paused, Path resume) {
            this.at = records / 2;
            this.paused = paused.toString();
            this.resume = resume.toString();
        }

        @Override
        public Long map(Long value) throws Exception {
            if (value == at) {
                Files.createFile(Paths.get(paused));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!Files.exists(Paths.get(resume)) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // waits on the test, in the job
                }
            }
            return value;
        }
    }

    /** @param pause null to run straight through */
    public static Result run(StreamExecutionEnvironment env, long records, PauseInTheMiddle pause) throws Exception {
        if (records % KEYS != 0) {
            throw new IllegalArgumentException(records + " is not a multiple of " + KEYS);
        }
        env.setParallelism(2);
        long started = System.nanoTime();
        Map<Long, Long> sums = new HashMap<>();
        DataStream<Long> sequence = env.fromSequence(1, records);
        if (pause != null) {
            sequence = sequence.map(pause).returns(Types.LONG);
        }
        try (CloseableIterator<Tuple2<Long, Long>> out = sequence
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
