package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Everything clients sent, one parsed message at a time, in the style of OkHttp's WebSocketRecorder: tests take
 * messages in order and assert on them. A JSON array frame is recorded as its messages; text that is not JSON is
 * recorded as a JSON string.
 */
public final class SimulatorRecorder {

    /** One message a client sent, with the number of its connection (1 for the first since start). */
    public record Inbound(int connection, JsonNode message) {

        /** The message's {@code type}, or null when it has none. */
        public String type() {
            JsonNode type = message.get("type");
            return type == null ? null : type.asText();
        }
    }

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();

    SimulatorRecorder() {
    }

    /** The next message any client sent; fails if none arrives within {@code timeout}. */
    public Inbound nextInbound(Duration timeout) {
        try {
            Inbound next = inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("No message from a client within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a client message", e);
        }
    }

    /** The next message, which must be of {@code type}; nothing is skipped. */
    public Inbound nextInbound(String type, Duration timeout) {
        Inbound next = nextInbound(timeout);
        if (!type.equals(next.type())) {
            throw new AssertionError("Expected a message of type " + type + " but got " + next.message());
        }
        return next;
    }

    /** Fails if any message is left unread. */
    public void assertExhausted() {
        Inbound left = inbound.peek();
        if (left != null) {
            throw new AssertionError("Unread client message: " + left.message() + " (" + inbound.size() + " left)");
        }
    }

    public void clear() {
        inbound.clear();
    }

    void record(int connection, JsonNode message) {
        inbound.add(new Inbound(connection, message));
    }
}
