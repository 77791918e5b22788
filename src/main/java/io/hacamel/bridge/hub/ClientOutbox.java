package io.hacamel.bridge.hub;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.hub.HubStats.Disconnect;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client's bounded send buffer. Any thread may offer a message and never waits (the lock only guards the queue):
 * messages are written on the client's own event loop, as fast as its socket takes them. A state change whose entity
 * already has one waiting merges into it (from the older old state to the newest state), so a client that lags a
 * little gets the latest state rather than every step. When the buffer is full anyway, or the socket has taken
 * nothing for the write timeout, the client is given up ({@code onSlow}), so a slow client never holds up the event
 * dispatcher, the other clients or the Home Assistant session.
 */
final class ClientOutbox {

    /** A message waiting to be written; a state change keeps its event, so that a newer one can merge into it. */
    private static final class Waiting {
        private final String entityId;
        private HaEvent change;
        private String areaId;
        private String text;

        Waiting(String entityId, HaEvent change, String areaId, String text) {
            this.entityId = entityId;
            this.change = change;
            this.areaId = areaId;
            this.text = text;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final ServerWebSocket socket;
    private final HubMessages messages;
    private final HubStats stats;
    private final int capacity;
    private final long writeTimeoutMillis;
    private final BiConsumer<Disconnect, String> onSlow;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final Map<String, Waiting> waitingChanges = new HashMap<>();
    private boolean flushScheduled; // guarded by lock
    private boolean closed; // guarded by lock
    private long writeTimer = -1; // on the context only

    ClientOutbox(Context context, ServerWebSocket socket, HubSettings settings, HubMessages messages, HubStats stats,
            BiConsumer<Disconnect, String> onSlow) {
        this.vertx = context.owner();
        this.context = context;
        this.socket = socket;
        this.messages = messages;
        this.stats = stats;
        this.capacity = settings.sendBuffer();
        this.writeTimeoutMillis = settings.writeTimeoutMillis();
        this.onSlow = onSlow;
        socket.drainHandler(v -> {
            cancelWriteTimer();
            flush();
        });
    }

    /** Queues a message. */
    void offer(String text) {
        add(new Waiting(null, null, null, text));
    }

    /** Queues a state change, or merges it into the one of its entity still waiting. */
    void offerChange(HaEvent change, String areaId, String text) {
        synchronized (lock) {
            Waiting waiting = waitingChanges.get(change.entityId());
            if (waiting != null && !closed) {
                waiting.change = merge(waiting.change, change);
                waiting.areaId = areaId;
                waiting.text = null;
                stats.coalesced();
                return;
            }
        }
        add(new Waiting(change.entityId(), change, areaId, text));
    }

    /** Messages waiting to be written. */
    int size() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Writes what is waiting as far as the socket takes it now, then drops the rest; on the client's context. */
    void flushAndClose() {
        flush();
        close();
    }

    /** Drops what is waiting and accepts nothing more. */
    void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            waitingChanges.clear();
        }
        context.runOnContext(v -> cancelWriteTimer());
    }

    private void add(Waiting message) {
        boolean full;
        boolean schedule = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            full = queue.size() >= capacity;
            if (!full) {
                queue.addLast(message);
                if (message.entityId != null) {
                    waitingChanges.put(message.entityId, message);
                }
                schedule = !flushScheduled;
                flushScheduled = true;
            }
        }
        if (full) {
            giveUp(Disconnect.BUFFER_FULL, "send buffer full (" + capacity + " messages waiting)");
        } else if (schedule) {
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        synchronized (lock) {
            flushScheduled = false;
        }
        while (!socket.isClosed() && !socket.writeQueueFull()) {
            Waiting next;
            synchronized (lock) {
                next = queue.pollFirst();
                if (next == null) {
                    return;
                }
                if (next.entityId != null) {
                    waitingChanges.remove(next.entityId);
                }
            }
            socket.writeTextMessage(next.text != null ? next.text : messages.stateChanged(next.change, next.areaId));
            stats.sent();
        }
        if (!socket.isClosed() && writeTimer < 0) {
            writeTimer = vertx.setTimer(writeTimeoutMillis, id -> {
                writeTimer = -1;
                giveUp(Disconnect.WRITE_TIMEOUT, "write timeout: nothing written for " + writeTimeoutMillis + " ms");
            });
        }
    }

    private void giveUp(Disconnect why, String reason) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            waitingChanges.clear();
        }
        onSlow.accept(why, reason);
    }

    private void cancelWriteTimer() {
        if (writeTimer >= 0) {
            vertx.cancelTimer(writeTimer);
            writeTimer = -1;
        }
    }

    /** From the waiting change's old state to the newer change's new state. */
    private static HaEvent merge(HaEvent waiting, HaEvent newer) {
        return newer.since(waiting, newer.event());
    }
}
