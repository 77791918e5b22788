package io.hacamel.bridge.api;

import java.util.concurrent.atomic.AtomicLong;

import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final KeyFailures failures = new KeyFailures(5, 60_000, now::get);

    @Test
    void anAddressWaitsUntilTheEndOfTheWindowInWhichItReachedTheLimit() {
        for (int i = 0; i < 4; i++) {
            failures.failed("10.0.0.7");
            now.addAndGet(10_000);
        }
        assertThat(failures.blocked("10.0.0.7")).isFalse();
        failures.failed("10.0.0.7");
        assertThat(failures.blockedSeconds("10.0.0.7")).as("the window began 40 s ago").isEqualTo(20);
        assertThat(failures.blocked("10.0.0.8")).as("other addresses go on").isFalse();

        now.addAndGet(19_500);
        assertThat(failures.blockedSeconds("10.0.0.7")).isEqualTo(1);
        now.addAndGet(500);
        assertThat(failures.blocked("10.0.0.7")).isFalse();
        failures.failed("10.0.0.7");
        assertThat(failures.blocked("10.0.0.7")).as("a new window, one failure in it").isFalse();
    }

    @Test
    void failuresSpreadOverWindowsNeverAddUp() {
        for (int i = 0; i < 20; i++) {
            failures.failed("10.0.0.7");
            now.addAndGet(15_001); // four failures per window at most
        }
        assertThat(failures.blocked("10.0.0.7")).isFalse();
    }

    @Test
    void logsOneLinePerAddressAndWindow() {
        try (LogCapture logs = LogCapture.capture()) {
            for (int i = 0; i < 12; i++) {
                failures.failed("10.0.0.7");
            }
            now.addAndGet(60_000);
            for (int i = 0; i < 5; i++) {
                failures.failed("10.0.0.7");
            }
            assertThat(logs.lines().stream().filter(line -> line.contains("wrong API keys from 10.0.0.7"))).hasSize(2);
        }
    }
}
