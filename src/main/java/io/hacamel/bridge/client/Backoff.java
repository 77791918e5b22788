package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays: {@code initial × multiplier^(attempt-1)}, capped, minus a random jitter of up to
 * {@code jitter} (a fraction). The jitter is subtracted so that the cap is a true upper bound on recovery time while
 * many bridges restarted together still spread their reconnects.
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " / " + max);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("backoff multiplier must be >= 1, was " + multiplier);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), was " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("max attempts must be >= 0 (0 = forever), was " + maxAttempts);
        }
    }

    /** The delay before the given reconnect attempt (1 = the first retry after a failure). */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    Duration delay(int attempt, double random) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1.0 - jitter * random)));
    }

    /** True when {@code attempts} failed attempts use up the allowed number (never when maxAttempts is 0). */
    public boolean exhausted(int attempts) {
        return maxAttempts > 0 && attempts >= maxAttempts;
    }
}
