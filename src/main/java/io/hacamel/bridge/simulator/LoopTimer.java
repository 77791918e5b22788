package io.hacamel.bridge.simulator;

import io.vertx.core.Vertx;

/**
 * A one-shot timer on the simulation's event loop that any thread may start and cancel: {@code for:} triggers and
 * rate-limited template renders, without a thread of their own.
 */
final class LoopTimer {

    private final Vertx vertx;
    private long timerId = -1;
    private boolean cancelled;

    private LoopTimer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code action} on the simulation's event loop {@code delayNanos} from now, unless cancelled first. */
    static LoopTimer start(Simulation sim, long delayNanos, Runnable action) {
        LoopTimer timer = new LoopTimer(sim.vertx());
        long deadline = System.nanoTime() + delayNanos;
        sim.context().runOnContext(v -> timer.arm(deadline, action));
        return timer;
    }

    private synchronized void arm(long deadline, Runnable action) {
        if (!cancelled) {
            long millis = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            timerId = vertx.setTimer(millis, id -> action.run());
        }
    }

    synchronized void cancel() {
        cancelled = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
