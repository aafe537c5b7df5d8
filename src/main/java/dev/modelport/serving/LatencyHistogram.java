package dev.modelport.serving;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request latencies of one route and status as a Prometheus histogram: cumulative counts under
 * fixed bounds from 0.5 ms to 60 s, the count and the sum. Lock-free; a record costs a few atomic adds.
 */
final class LatencyHistogram {
    static final double[] BOUNDS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** The bounds as {@code le} labels, in plain decimals ({@code 0.0005}, not Java's {@code 5.0E-4}). */
    private static final String[] BOUND_LABELS = Arrays.stream(BOUNDS_SECONDS)
            .mapToObj(bound -> BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString()).toArray(String[]::new);

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    void record(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            if (seconds <= BOUNDS_SECONDS[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        count.increment();
        sumNanos.add(nanos);
    }

    /** Appends the {@code _bucket}, {@code _count} and {@code _sum} lines; {@code labels} is {@code k="v",...}. */
    void writeTo(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BOUND_LABELS[i]).append("\"} ").append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(sumNanos.sum() / 1e9).append('\n');
    }
}
