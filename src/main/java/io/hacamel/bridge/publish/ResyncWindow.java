package io.hacamel.bridge.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A standby's memory of one webhook target's deliveries: every change of the resync window (two lease durations),
 * oldest first, so that as the new leader it resends what the old leader may not have delivered, marked resync (at
 * least once across a failover). Bounded by time, and by {@link #MAX_CHANGES}, beyond which the oldest are dropped.
 * Not thread-safe: {@link Webhooks} guards it.
 */
final class ResyncWindow {

    /** About five minutes at 150 changes a second; at 500 changes a second, more than a minute and a half. */
    static final int MAX_CHANGES = 50_000;

    private final Duration window;
    private final ArrayDeque<WebhookDelivery> changes = new ArrayDeque<>();
    private long dropped;

    ResyncWindow(Duration window) {
        this.window = window;
    }

    long seconds() {
        return window.toSeconds();
    }

    void add(WebhookDelivery delivery) {
        forgetBefore(delivery.queuedAt().minus(window));
        if (changes.size() >= MAX_CHANGES) {
            changes.pollFirst();
            dropped++;
        }
        changes.addLast(delivery);
    }

    /** The changes of the window, as resync deliveries, oldest first; the window is empty afterwards. */
    List<WebhookDelivery> takeAll() {
        forgetBefore(Instant.now().minus(window));
        List<WebhookDelivery> resync = new ArrayList<>(changes.size());
        changes.forEach(delivery -> resync.add(delivery.asResync()));
        changes.clear();
        return resync;
    }

    /** Changes of the window that did not fit (more than {@link #MAX_CHANGES}) since the last take; resets it. */
    long takeDropped() {
        long count = dropped;
        dropped = 0;
        return count;
    }

    private void forgetBefore(Instant oldest) {
        while (!changes.isEmpty() && changes.peekFirst().queuedAt().isBefore(oldest)) {
            changes.pollFirst();
        }
    }
}
