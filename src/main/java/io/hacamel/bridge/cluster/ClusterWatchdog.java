package io.hacamel.bridge.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks every tick, on a thread of its own, whether the JVM stood still (a GC pause, a stopped process) for longer
 * than the renew deadline: long enough that the lease may have gone to the standby meanwhile. Then the bridge stops
 * acting at once, and acts again only if the election still says it leads after another renew deadline (by then Camel
 * has renewed, or has told the loss). At the same look it tells when the election has stalled
 * ({@link ElectionView#stalled}).
 */
final class ClusterWatchdog {

    private static final long TICK_MILLIS = 100;

    /** What the watchdog asks of {@link Leadership}. */
    interface Target {

        /** Stops acting at once; false when the bridge was not acting. */
        boolean stoodStill(String reason);

        /** A renew deadline after standing still: acts again if the election still says this bridge leads. */
        void reconfirm(String reason);

        void electionStalled();
    }

    private final long deadlineNanos;
    private final ElectionView election;
    private final Target target;
    private volatile long lastTickNanos = System.nanoTime();
    /** After a pause: when to act again if still elected; 0 when not waiting. Watchdog thread only. */
    private long reconfirmAtNanos;

    ClusterWatchdog(Duration renewDeadline, ElectionView election, Target target) {
        this.deadlineNanos = renewDeadline.toNanos();
        this.election = election;
        this.target = target;
    }

    /** Whether the last tick is within the renew deadline: false after a pause the watchdog has not judged yet. */
    boolean ticking() {
        return System.nanoTime() - lastTickNanos < deadlineNanos;
    }

    /** Ticks on the executor's thread from now on. */
    void start(ScheduledExecutorService executor) {
        lastTickNanos = System.nanoTime();
        executor.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        long gap = now - lastTickNanos;
        lastTickNanos = now;
        String reason = "the bridge stood still for " + TimeUnit.NANOSECONDS.toMillis(gap)
                + " ms, longer than the renew deadline";
        if (gap > deadlineNanos && target.stoodStill(reason)) {
            reconfirmAtNanos = now + deadlineNanos;
        } else if (reconfirmAtNanos != 0 && now - reconfirmAtNanos >= 0) {
            reconfirmAtNanos = 0;
            target.reconfirm("still elected a renew deadline after standing still");
        }
        if (election.stalled(now)) {
            target.electionStalled();
        }
    }
}
