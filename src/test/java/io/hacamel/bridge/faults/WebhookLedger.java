package io.hacamel.bridge.faults;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;

/**
 * What a webhook receiver believes: the state of every entity as the last delivery it accepted (2xx) said, in the
 * order they arrived; a removal forgets the entity. Requests the sink refused or held are not deliveries.
 */
final class WebhookLedger {

    private final WebhookSink sink;
    private final Map<String, String> states = new HashMap<>();
    private long accepted;

    WebhookLedger(WebhookSink sink) {
        this.sink = sink;
    }

    /** The receiver's view after taking in everything the sink got so far. */
    synchronized Map<String, String> states() {
        for (Request request : sink.drain()) {
            if (request.answered() < 200 || request.answered() > 299) {
                continue;
            }
            accepted++;
            JsonNode body = request.json();
            JsonNode newState = body.path("new_state");
            if (newState.isObject()) {
                states.put(body.path("entity_id").asText(), newState.path("state").asText());
            } else {
                states.remove(body.path("entity_id").asText());
            }
        }
        return Map.copyOf(states);
    }

    synchronized long accepted() {
        states();
        return accepted;
    }
}
