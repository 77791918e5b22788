package io.hacamel.bridge.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A view without a leader for two lease durations is restarted, once until it shows a leader again. */
class StalledElectionTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void restartsOnceAfterTwoLeaseDurationsWithoutALeader() {
        StalledElection election = new StalledElection(Duration.ofSeconds(10));

        assertThat(election.restartNow(true, 0)).isFalse();
        assertThat(election.restartNow(false, SECOND)).isFalse();
        assertThat(election.restartNow(false, 20 * SECOND)).as("a takeover takes up to a lease duration").isFalse();
        assertThat(election.restartNow(false, 21 * SECOND)).isTrue();
        assertThat(election.restartNow(false, 60 * SECOND)).as("once, while no leader is shown").isFalse();

        assertThat(election.restartNow(true, 61 * SECOND)).isFalse();
        assertThat(election.restartNow(false, 62 * SECOND)).isFalse();
        assertThat(election.restartNow(false, 82 * SECOND)).as("again, after a leader was shown").isTrue();
    }

    @Test
    void aLeaderShownInBetweenStartsTheWaitAnew() {
        StalledElection election = new StalledElection(Duration.ofSeconds(10));

        assertThat(election.restartNow(false, 0)).isFalse();
        assertThat(election.restartNow(true, 15 * SECOND)).isFalse();
        assertThat(election.restartNow(false, 16 * SECOND)).isFalse();
        assertThat(election.restartNow(false, 30 * SECOND)).isFalse();
        assertThat(election.restartNow(false, 36 * SECOND)).isTrue();
    }
}
