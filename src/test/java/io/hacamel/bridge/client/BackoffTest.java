package io.hacamel.bridge.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.1, 0);

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(6, 0.0)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(7, 0.0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(50, 0.0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterShortensByAtMostItsFractionSoTheCapHolds() {
        assertThat(backoff.delay(3, 1.0)).isEqualTo(Duration.ofMillis(3600));
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(20)).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(60));
        }
    }

    @Test
    void zeroMaxAttemptsMeansForever() {
        assertThat(backoff.exhausted(1_000_000)).isFalse();
        Backoff limited = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.1, 3);
        assertThat(limited.exhausted(2)).isFalse();
        assertThat(limited.exhausted(3)).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2.0, Duration.ofSeconds(1), 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
