package io.hacamel.bridge.observability;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event rate's buckets slide with the clock: new events land in the newest bucket, old ones fall out. */
class EventRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final EventRate rate = new EventRate(4, 10_000, now::get);

    @Test
    void countsEventsPerBucketOldestFirst() {
        rate.record();
        now.addAndGet(10_000);
        rate.record();
        rate.record();

        assertThat(rate.counts()).containsExactly(0, 0, 1, 2);
        assertThat(rate.currentBucketEnd()).isEqualTo(1_020_000);
    }

    @Test
    void bucketsOlderThanTheWindowAreForgottenEvenWhenTheirCellIsNotReusedYet() {
        rate.record();
        now.addAndGet(30_000);

        assertThat(rate.counts()).containsExactly(1, 0, 0, 0);

        now.addAndGet(10_000);
        assertThat(rate.counts()).containsExactly(0, 0, 0, 0);

        rate.record();
        assertThat(rate.counts()).containsExactly(0, 0, 0, 1);
    }
}
