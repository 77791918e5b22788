package io.hacamel.bridge.observability;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events counted in time buckets over a sliding window (by default 60 buckets of 10 s: the last ten minutes), so that
 * the status page can draw the event rate as soon as it opens. Recording is a few array operations, no allocation.
 */
public final class EventRate {

    private final long bucketMillis;
    private final LongSupplier clock;
    private final AtomicLongArray counts;
    private final AtomicLongArray buckets; // which bucket number each cell counts

    public EventRate(int bucketCount, long bucketMillis, LongSupplier clock) {
        this.bucketMillis = bucketMillis;
        this.clock = clock;
        this.counts = new AtomicLongArray(bucketCount);
        this.buckets = new AtomicLongArray(bucketCount);
    }

    public void record() {
        long bucket = clock.getAsLong() / bucketMillis;
        int cell = (int) (bucket % counts.length());
        if (buckets.get(cell) != bucket) {
            synchronized (this) { // once per cell and window; a few increments may land on either side
                if (buckets.get(cell) != bucket) {
                    counts.set(cell, 0);
                    buckets.set(cell, bucket);
                }
            }
        }
        counts.incrementAndGet(cell);
    }

    /** Counts per bucket, oldest first; the last bucket is the current, still filling one. */
    public long[] counts() {
        long current = clock.getAsLong() / bucketMillis;
        long[] window = new long[counts.length()];
        for (int i = 0; i < window.length; i++) {
            long bucket = current - window.length + 1 + i;
            int cell = (int) (bucket % counts.length());
            window[i] = buckets.get(cell) == bucket ? counts.get(cell) : 0;
        }
        return window;
    }

    public long bucketMillis() {
        return bucketMillis;
    }

    /** When the current bucket ends, epoch milliseconds. */
    public long currentBucketEnd() {
        return (clock.getAsLong() / bucketMillis + 1) * bucketMillis;
    }
}
