package io.hacamel.bridge.simulator;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one ordered writer of a connection, shaped like Home Assistant's: messages from any thread go into a queue
 * that the connection's event loop drains on its next turn. Once the client negotiated coalescing, everything
 * queued by then leaves as one JSON array frame. While the socket is backed up nothing is written and the queue
 * grows, so a client that does not read piles up pending messages until the slow-consumer rule closes it.
 *
 * <p>Pending counts messages queued or written but not yet flushed to the socket.
 */
final class OutboundWriter {

    /**
     * The most messages one array frame holds: Home Assistant coalesces everything pending, which its slow-consumer
     * rule keeps under 4096 messages; with that rule relaxed (the benchmark's bare reader) the queue could otherwise
     * become one frame of gigabytes.
     */
    static final int MAX_COALESCED = 4096;

    private enum Kind { MESSAGE, FRAME, CLOSE }

    private record Outbound(Kind kind, String text, short closeCode) {
    }

    private final ServerWebSocket ws;
    private final Context context;
    private final SlowConsumerLimits limits;
    private final Runnable onSlowConsumer;
    private final PendingObserver observer;
    private final ConcurrentLinkedQueue<Outbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean coalesce;
    private long peakTimer = -1;

    /** Told every time pending reaches a new value, for the statistics. */
    @FunctionalInterface
    interface PendingObserver {
        void pendingNow(int pending);
    }

    OutboundWriter(ServerWebSocket ws, Context context, SlowConsumerLimits limits, Runnable onSlowConsumer,
                   PendingObserver observer) {
        this.ws = ws;
        this.context = context;
        this.limits = limits;
        this.onSlowConsumer = onSlowConsumer;
        this.observer = observer;
        ws.drainHandler(v -> scheduleDrain());
    }

    /** A message that may be coalesced with others into an array frame. */
    void send(String message) {
        enqueue(new Outbound(Kind.MESSAGE, message, (short) 0));
    }

    /** A frame sent exactly as given, never coalesced. */
    void sendFrame(String frame) {
        enqueue(new Outbound(Kind.FRAME, frame, (short) 0));
    }

    /** Closes the websocket once everything queued before has been written, as Home Assistant flushes first. */
    void closeAfterQueued(short code) {
        queue.add(new Outbound(Kind.CLOSE, null, code));
        scheduleDrain();
    }

    void enableCoalescing() {
        coalesce = true;
    }

    /** Stops writing for good and forgets what is queued; for a connection that is gone. */
    void discard() {
        closed.set(true);
        queue.clear();
        context.runOnContext(v -> cancelPeakTimer());
    }

    private void enqueue(Outbound outbound) {
        if (closed.get()) {
            return;
        }
        queue.add(outbound);
        int now = pending.incrementAndGet();
        observer.pendingNow(now);
        if (now >= limits.max()) {
            giveUp();
            return;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        while (!closed.get() && !ws.writeQueueFull()) {
            Outbound first = queue.poll();
            if (first == null) {
                break;
            }
            if (first.kind() == Kind.CLOSE) {
                closed.set(true);
                ws.close(first.closeCode());
                break;
            }
            Outbound next = queue.peek();
            if (first.kind() == Kind.FRAME || !coalesce || next == null || next.kind() != Kind.MESSAGE) {
                write(first.text(), 1);
                continue;
            }
            StringBuilder array = new StringBuilder(first.text().length() * 4).append('[').append(first.text());
            int count = 1;
            while (count < MAX_COALESCED && (next = queue.peek()) != null && next.kind() == Kind.MESSAGE) {
                queue.poll();
                array.append(',').append(next.text());
                count++;
            }
            write(array.append(']').toString(), count);
        }
        checkPeak();
    }

    private void write(String text, int messages) {
        ws.writeTextMessage(text).onComplete(done -> {
            observer.pendingNow(pending.addAndGet(-messages));
            checkPeak();
        });
    }

    /** Home Assistant's peak rule: above the peak, start a timer; if still above when it fires, give up. */
    private void checkPeak() {
        if (closed.get()) {
            return;
        }
        if (pending.get() <= limits.peak()) {
            cancelPeakTimer();
        } else if (peakTimer < 0) {
            peakTimer = context.owner().setTimer(limits.peakTime().toMillis(), id -> {
                peakTimer = -1;
                if (pending.get() > limits.peak()) {
                    giveUp();
                }
            });
        }
    }

    private void cancelPeakTimer() {
        if (peakTimer >= 0) {
            context.owner().cancelTimer(peakTimer);
            peakTimer = -1;
        }
    }

    /** Stops writing at once (from any thread) and lets the connection's event loop drop the client. */
    private void giveUp() {
        if (closed.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                queue.clear();
                cancelPeakTimer();
                onSlowConsumer.run();
            });
        }
    }
}
