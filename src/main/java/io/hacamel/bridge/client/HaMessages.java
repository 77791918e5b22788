package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pure builders of the messages a client sends to Home Assistant's WebSocket API. They carry no {@code id}: the
 * connection assigns it when the message is written.
 */
public final class HaMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HaMessages() {
    }

    public static ObjectNode auth(String accessToken) {
        return JSON.objectNode().put("type", "auth").put("access_token", accessToken);
    }

    /** Asks Home Assistant to coalesce queued messages into JSON-array frames. */
    public static ObjectNode supportedFeatures() {
        ObjectNode message = command("supported_features");
        message.putObject("features").put("coalesce_messages", 1);
        return message;
    }

    /** Subscribes to one event type, or to every event when {@code eventType} is null. */
    public static ObjectNode subscribeEvents(String eventType) {
        ObjectNode message = command("subscribe_events");
        if (eventType != null) {
            message.put("event_type", eventType);
        }
        return message;
    }

    public static ObjectNode unsubscribeEvents(int subscriptionId) {
        return command("unsubscribe_events").put("subscription", subscriptionId);
    }

    public static ObjectNode ping() {
        return command("ping");
    }

    public static ObjectNode getStates() {
        return command("get_states");
    }

    public static ObjectNode getConfig() {
        return command("get_config");
    }

    public static ObjectNode getServices() {
        return command("get_services");
    }

    /**
     * A {@code call_service} command. {@code serviceData} and {@code target} may be null; {@code return_response} is
     * only sent when asked for, as Home Assistant before 2023.7 rejects the field.
     */
    public static ObjectNode callService(String domain, String service, JsonNode serviceData, JsonNode target,
            boolean returnResponse) {
        ObjectNode message = command("call_service").put("domain", domain).put("service", service);
        if (serviceData != null && !serviceData.isNull()) {
            message.set("service_data", serviceData);
        }
        if (target != null && !target.isNull()) {
            message.set("target", target);
        }
        if (returnResponse) {
            message.put("return_response", true);
        }
        return message;
    }

    /** Any other command, e.g. {@code config/area_registry/list}. */
    public static ObjectNode command(String type) {
        return JSON.objectNode().put("type", type);
    }
}
