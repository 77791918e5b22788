package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

/**
 * Writes commands to the current socket. The id is allocated and the frame written under one lock, so ids on the wire
 * strictly increase whichever threads send (Home Assistant answers a smaller id with {@code id_reuse}). A command
 * that cannot be written fails with NOT_CONNECTED: it certainly never reached Home Assistant.
 */
final class Outbox {

    private final PendingRequests pending;
    private final HaConnectionStats stats;
    private final Object lock = new Object();
    private volatile RequestObserver observer = RequestObserver.NONE;
    private volatile HaSocket socket; // written under lock
    private int nextId; // guarded by lock

    Outbox(PendingRequests pending, HaConnectionStats stats) {
        this.pending = pending;
        this.stats = stats;
    }

    void observe(RequestObserver requestObserver) {
        observer = requestObserver;
    }

    /** Reports a command that never got as far as the socket. */
    CompletableFuture<JsonNode> notSent(String type, String message) {
        observer.completed(type, 0, HaErrorCode.NOT_CONNECTED);
        return CompletableFuture.failedFuture(new HaException(HaErrorCode.NOT_CONNECTED, message));
    }

    /** The authenticated socket commands go to, or null. */
    HaSocket current() {
        return socket;
    }

    /** A new authenticated socket: ids start again at 1. */
    void open(HaSocket opened) {
        synchronized (lock) {
            socket = opened;
            nextId = 0;
        }
    }

    /** Forgets the socket; false when it was not the current one (then nothing changes). */
    boolean close(HaSocket closed) {
        synchronized (lock) {
            if (socket != closed) {
                return false;
            }
            socket = null;
            return true;
        }
    }

    /**
     * Writes a command to {@code target} if it is still the current socket. {@code onId} learns the id before the
     * frame is written, for answers (subscription events) that may follow at once.
     */
    CompletableFuture<JsonNode> send(HaSocket target, ObjectNode message, Duration timeout, IntConsumer onId) {
        String type = message.path("type").asText();
        long startedAt = System.nanoTime();
        CompletableFuture<JsonNode> answer;
        Future<Void> written;
        int id;
        synchronized (lock) {
            if (target == null || target != socket) {
                return notSent(type, "the session with Home Assistant was lost before '" + type + "' could be sent");
            }
            id = ++nextId;
            message.put("id", id);
            if (onId != null) {
                onId.accept(id);
            }
            answer = pending.register(id, type, timeout);
            written = target.write(message.toString());
        }
        stats.requestsSent.increment();
        written.onFailure(e -> pending.fail(id, new HaException(HaErrorCode.NOT_CONNECTED,
                "could not send '" + type + "' to Home Assistant: " + HaSocket.describe(e))));
        RequestObserver requestObserver = observer;
        if (requestObserver != RequestObserver.NONE) {
            answer.whenComplete((result, error) -> requestObserver.completed(type, System.nanoTime() - startedAt,
                    error == null ? null : codeOf(error)));
        }
        return answer;
    }

    private static HaErrorCode codeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof HaException e ? e.code() : HaErrorCode.HOME_ASSISTANT_ERROR;
    }
}
