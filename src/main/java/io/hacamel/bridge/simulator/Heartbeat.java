package io.hacamel.bridge.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * aiohttp's websocket heartbeat, which Home Assistant runs every 55 s: a protocol ping, and if no pong arrives
 * within half the interval the connection is dropped.
 */
final class Heartbeat {

    private final Vertx vertx;
    private final ServerWebSocket ws;
    private final long intervalMillis;
    private final BooleanSupplier silent;
    private final Runnable onMissedPong;
    private long beatTimer = -1;
    private long pongDeadline = -1;

    Heartbeat(Vertx vertx, ServerWebSocket ws, Duration interval, BooleanSupplier silent, Runnable onMissedPong) {
        this.vertx = vertx;
        this.ws = ws;
        this.intervalMillis = interval.toMillis();
        this.silent = silent;
        this.onMissedPong = onMissedPong;
    }

    /** Call on the connection's event loop. */
    void start() {
        if (intervalMillis <= 0) {
            return;
        }
        ws.pongHandler(pong -> cancelDeadline());
        beatTimer = vertx.setPeriodic(intervalMillis, id -> beat());
    }

    void stop() {
        if (beatTimer >= 0) {
            vertx.cancelTimer(beatTimer);
            beatTimer = -1;
        }
        cancelDeadline();
    }

    private void beat() {
        if (silent.getAsBoolean() || pongDeadline >= 0) {
            return;
        }
        ws.writePing(Buffer.buffer());
        pongDeadline = vertx.setTimer(Math.max(1, intervalMillis / 2), id -> {
            pongDeadline = -1;
            onMissedPong.run();
        });
    }

    private void cancelDeadline() {
        if (pongDeadline >= 0) {
            vertx.cancelTimer(pongDeadline);
            pongDeadline = -1;
        }
    }
}
