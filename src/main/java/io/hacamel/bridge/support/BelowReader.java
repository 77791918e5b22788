package io.hacamel.bridge.support;

/**
 * The threads that run routes and publish (a consumer's dispatcher, a publishing queue) run below the session's
 * reader: when the CPU is short, the reader still takes every frame Home Assistant sends, the waiting changes merge in
 * the bridge's queues (per entity, the latest wins, each merge counted), and Home Assistant's queue for the bridge
 * stays far from the limits at which it drops a slow client. Java priority 1 is nice 4 on Linux with
 * {@code -XX:ThreadPriorityPolicy=1} (bin/jvm.options); without it the JVM ignores priorities.
 */
public final class BelowReader {

    private BelowReader() {
    }

    /** Lowers the calling thread's priority; call first thing on a route or publishing thread. */
    public static void lowerThisThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
    }
}
