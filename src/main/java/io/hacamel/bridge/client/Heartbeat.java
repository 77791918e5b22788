package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application-level ping/pong: a {@code ping} every interval; when no {@code pong} comes within the timeout the
 * socket is closed, which makes the connection reconnect. This is what notices a half-open connection, one whose
 * peer is gone without a TCP reset. Runs on the connection's context.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    /** What the heartbeat needs from the connection. */
    interface Target {

        boolean isCurrent(HaSocket socket);

        CompletableFuture<JsonNode> ping(HaSocket socket, Duration timeout);
    }

    private final Context context;
    private final Duration interval;
    private final Duration pongTimeout;
    private final HaConnectionStats stats;
    private final Target target;
    private long timer = -1;

    Heartbeat(Context context, Duration interval, Duration pongTimeout, HaConnectionStats stats, Target target) {
        this.context = context;
        this.interval = interval;
        this.pongTimeout = pongTimeout;
        this.stats = stats;
        this.target = target;
    }

    void start(HaSocket socket) {
        stop();
        timer = context.owner().setTimer(interval.toMillis(), t -> {
            timer = -1;
            if (target.isCurrent(socket)) {
                ping(socket);
            }
        });
    }

    void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    private void ping(HaSocket socket) {
        stats.pingsSent.increment();
        target.ping(socket, pongTimeout).whenComplete((pong, error) -> context.runOnContext(v -> {
            if (!target.isCurrent(socket)) {
                return;
            }
            if (error == null) {
                start(socket);
            } else if (error instanceof HaException e && e.code() == HaErrorCode.TIMEOUT) {
                stats.missedPongs.increment();
                LOG.warn("No pong from Home Assistant within {} ms: the connection is dead", pongTimeout.toMillis());
                socket.close("no pong within " + pongTimeout.toMillis() + " ms");
            }
        }));
    }
}
