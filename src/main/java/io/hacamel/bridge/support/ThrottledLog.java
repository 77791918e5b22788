package io.hacamel.bridge.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * One WARN line a minute at most for a kind of refusal a client can provoke at will (a flood of connections would
 * otherwise fill the disk with log lines); the next line says how many were not logged. The meters count each one.
 */
public final class ThrottledLog {

    private static final long WINDOW_MILLIS = 60_000;

    private final Logger log;
    private final LongSupplier clock;
    private final AtomicLong nextLine = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unlogged = new AtomicLong();

    public ThrottledLog(Logger log) {
        this(log, System::currentTimeMillis);
    }

    ThrottledLog(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Logs the line unless one was logged in the last minute; then only counts it. */
    public void warn(String format, Object... arguments) {
        long now = clock.getAsLong();
        long next = nextLine.get();
        if (now < next || !nextLine.compareAndSet(next, now + WINDOW_MILLIS)) {
            unlogged.incrementAndGet();
            return;
        }
        long skipped = unlogged.getAndSet(0);
        log.warn(skipped == 0 ? format : format + " (and " + skipped + " more like it in the last minute)",
                arguments);
    }
}
