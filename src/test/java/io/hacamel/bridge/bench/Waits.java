package io.hacamel.bridge.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The harness's waits for a condition, polled often enough for the resolution of the figures it takes. (Measuring
 * windows are not waits for a condition: they last as long as they are asked to.)
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
}
