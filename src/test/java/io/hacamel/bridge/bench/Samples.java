package io.hacamel.bridge.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies of one run, in nanoseconds, appended from one thread at a time; percentiles by sorting a copy. */
final class Samples {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        size = 0;
    }

    /** p50, p95, p99 and max in milliseconds (empty when there are no samples). */
    synchronized Map<String, Double> percentilesMillis() {
        Map<String, Double> result = new LinkedHashMap<>();
        if (size == 0) {
            return result;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        result.put("p50", millis(sorted, 0.50));
        result.put("p95", millis(sorted, 0.95));
        result.put("p99", millis(sorted, 0.99));
        result.put("max", sorted[size - 1] / 1e6);
        return result;
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
