package io.hacamel.bridge.hub;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client's bounded send buffer. Any thread may offer a message and never waits: the message is queued and
 * written on the client's own event loop, as fast as its socket takes it. When the buffer is full, or the socket has
 * taken nothing for the write timeout, the client is given up ({@code onSlow}) and its messages are dropped, so a slow
 * client never holds up the event dispatcher, the other clients or the Home Assistant session.
 */
final class ClientOutbox {

    private final Vertx vertx;
    private final Context context;
    private final ServerWebSocket socket;
    private final int capacity;
    private final long writeTimeoutMillis;
    private final Consumer<String> onSlow;
    private final Runnable onSent;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long writeTimer = -1; // on the context only

    ClientOutbox(Vertx vertx, Context context, ServerWebSocket socket, HubSettings settings, Consumer<String> onSlow,
            Runnable onSent) {
        this.vertx = vertx;
        this.context = context;
        this.socket = socket;
        this.capacity = settings.sendBuffer();
        this.writeTimeoutMillis = settings.writeTimeoutMillis();
        this.onSlow = onSlow;
        this.onSent = onSent;
        socket.drainHandler(v -> {
            cancelWriteTimer();
            flush();
        });
    }

    /** Queues a message; false when the client is closed or was just given up because its buffer is full. */
    boolean offer(String message) {
        if (closed.get()) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            giveUp("send buffer full (" + capacity + " messages waiting)");
            return false;
        }
        queue.add(message);
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
        return true;
    }

    /** Messages waiting to be written. */
    int size() {
        return size.get();
    }

    /** Drops what is waiting and accepts nothing more; on the client's context. */
    void close() {
        closed.set(true);
        queue.clear();
        size.set(0);
        cancelWriteTimer();
    }

    private void flush() {
        flushScheduled.set(false);
        if (closed.get() || socket.isClosed()) {
            return;
        }
        while (!socket.writeQueueFull()) {
            String message = queue.poll();
            if (message == null) {
                break;
            }
            size.decrementAndGet();
            socket.writeTextMessage(message);
            onSent.run();
        }
        if (!queue.isEmpty() && writeTimer < 0) {
            writeTimer = vertx.setTimer(writeTimeoutMillis, id -> {
                writeTimer = -1;
                giveUp("write timeout: the socket took nothing for " + writeTimeoutMillis + " ms");
            });
        }
    }

    private void giveUp(String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            size.set(0);
            onSlow.accept(reason);
        }
    }

    private void cancelWriteTimer() {
        if (writeTimer >= 0) {
            vertx.cancelTimer(writeTimer);
            writeTimer = -1;
        }
    }
}
