package io.hacamel.bridge.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The harness's waits for a condition, polled often enough for the resolution of the figures it takes, and its
 * measuring windows, which wait for their own end while sampling.
 */
final class Waits {

    private Waits() {
    }

    /** True once the condition holds, false when the timeout passed first. */
    static boolean until(Duration timeout, Duration poll, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Something read at every poll of a measuring window (RSS, say). */
    interface Sample {
        void take() throws Exception;
    }

    /** Lasts {@code window}, taking the sample every {@code every} and once more at the end. */
    static void window(Duration window, Duration every, Sample sample) {
        long end = System.nanoTime() + window.toNanos();
        Awaitility.await().atMost(window.plusSeconds(10)).pollDelay(Duration.ZERO).pollInterval(every).until(() -> {
            sample.take();
            return System.nanoTime() >= end;
        });
    }
}
