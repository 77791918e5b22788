package io.hacamel.bridge.cluster;

import java.time.Duration;

/**
 * Tells when Camel's Kubernetes election has stopped. Its controller (Camel 4.17) does not schedule itself again
 * after an error it does not expect, such as the API server refusing a renewal of the Lease (a conflict after the
 * leader stood still): the leader then stands down at its renew deadline, but the Lease still names it, and Camel
 * holds a holder whose pod is ready as valid, so the other bridge never takes over either. Its view shows no leader
 * from then on. A view that has shown no leader for two lease durations, longer than any takeover takes, has
 * stalled: it is restarted once, and again only after it has shown a leader.
 */
final class StalledElection {

    private final long afterNanos;
    /** Since when the view has shown no leader; null while it shows one. */
    private Long noLeaderSince;
    private boolean restarted;

    StalledElection(Duration leaseDuration) {
        this.afterNanos = leaseDuration.multipliedBy(2).toNanos();
    }

    /** At every look at the view: whether it should be restarted now. */
    boolean restartNow(boolean leaderShown, long nowNanos) {
        if (leaderShown) {
            noLeaderSince = null;
            restarted = false;
            return false;
        }
        if (noLeaderSince == null) {
            noLeaderSince = nowNanos;
        }
        if (restarted || nowNanos - noLeaderSince < afterNanos) {
            return false;
        }
        restarted = true;
        return true;
    }

    long afterSeconds() {
        return Duration.ofNanos(afterNanos).toSeconds();
    }
}
