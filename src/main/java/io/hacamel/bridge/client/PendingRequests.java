package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;

/**
 * Requests written to Home Assistant and waiting for their {@code result} (or {@code pong}), by message id. Each has a
 * deadline; a request past it fails with {@link HaErrorCode#TIMEOUT}, and an answer that arrives later is ignored.
 * Futures complete on the thread that delivers the answer: the reader, or a Vert.x timer.
 */
final class PendingRequests {

    private record Pending(CompletableFuture<JsonNode> future, long timerId) {
    }

    private final Vertx vertx;
    private final Map<Integer, Pending> byId = new ConcurrentHashMap<>();

    PendingRequests(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Registers a request about to be written; it times out {@code timeout} from now. */
    CompletableFuture<JsonNode> register(int id, String type, Duration timeout) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        long timerId = vertx.setTimer(timeout.toMillis(), t -> fail(id, new HaException(HaErrorCode.TIMEOUT,
                "no answer from Home Assistant to '" + type + "' (id " + id + ") within " + timeout.toMillis() + " ms")));
        byId.put(id, new Pending(future, timerId));
        return future;
    }

    /** Completes the request a {@code result} or {@code pong} frame answers. Returns false for an unknown id. */
    boolean answer(int id, JsonNode message) {
        Pending pending = remove(id);
        if (pending == null) {
            return false;
        }
        if (!message.path("type").asText().equals("result") || message.path("success").asBoolean(false)) {
            pending.future().complete(message.path("result"));
        } else {
            JsonNode error = message.path("error");
            pending.future().completeExceptionally(HaException.fromHomeAssistant(
                    error.path("code").asText("unknown_error"), error.path("message").asText("(no message)")));
        }
        return true;
    }

    void fail(int id, HaException error) {
        Pending pending = remove(id);
        if (pending != null) {
            pending.future().completeExceptionally(error);
        }
    }

    void failAll(HaException error) {
        for (Integer id : byId.keySet()) {
            fail(id, error);
        }
    }

    int size() {
        return byId.size();
    }

    private Pending remove(int id) {
        Pending pending = byId.remove(id);
        if (pending != null) {
            vertx.cancelTimer(pending.timerId());
        }
        return pending;
    }
}
