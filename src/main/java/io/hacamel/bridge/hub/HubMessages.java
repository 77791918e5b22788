package io.hacamel.bridge.hub;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaEvent;

/**
 * The messages the hub sends, as text: {@code {"type":…,"data":{…},"timestamp":…}}, plus the {@code id} of the
 * client message a reply answers. One small builder per message type.
 */
final class HubMessages {

    /** Types the hub sends itself; a broadcast may not pretend to be one of them. */
    static final Set<String> RESERVED = Set.of("connection", "auth_required", "pong",
            "heartbeat", "entity_state_changed", "system_status", "error", "subscribed", "unsubscribed", "states",
            "areas", "area_membership_changed");

    private final ObjectMapper mapper;

    HubMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String welcome(String clientId, HubSettings limits) {
        ObjectNode data = mapper.createObjectNode().put("status", "connected").put("client_id", clientId)
                .put("timestamp", now());
        data.putObject("limits").put("max_message_bytes", limits.maxMessageBytes())
                .put("messages_per_second", limits.rateLimit())
                .put("read_timeout_seconds", limits.readTimeoutMillis() / 1000.0)
                .put("send_buffer", limits.sendBuffer())
                .put("max_subscription_size", limits.maxSubscriptionSize());
        return envelope("connection", data, null);
    }

    String authRequired(String clientId, long timeoutMillis) {
        return envelope("auth_required", mapper.createObjectNode().put("client_id", clientId)
                .put("timeout_seconds", timeoutMillis / 1000.0), null);
    }

    String pong(JsonNode id) {
        return envelope("pong", mapper.createObjectNode().put("timestamp", now()), id);
    }

    String heartbeat(int clients) {
        return envelope("heartbeat", mapper.createObjectNode().put("timestamp", now()).put("clients", clients), null);
    }

    String systemStatus(ConnectionState state, String reason) {
        boolean connected = state == ConnectionState.READY;
        ObjectNode data = mapper.createObjectNode().put("status", switch (state) {
            case READY -> "connected";
            case CONNECTING, AUTHENTICATED -> "connecting";
            case DISCONNECTED, STOPPED -> "disconnected";
            case AUTH_FAILED, GAVE_UP -> "failed";
        });
        data.putObject("home_assistant").put("connected", connected).put("state", state.name())
                .put("stale", !connected).put("reason", reason);
        return envelope("system_status", data, null);
    }

    /** A state change as the seed has it (states as text), plus timestamps, area and whether a resync found it. */
    String stateChanged(HaEvent event, String areaId) {
        JsonNode newState = event.newState();
        ObjectNode data = mapper.createObjectNode().put("entity_id", event.entityId()).put("domain", event.domain())
                .put("old_state", event.oldState() == null ? null : event.oldState().path("state").asText())
                .put("new_state", newState == null ? null : newState.path("state").asText());
        data.set("attributes", newState == null ? null : newState.get("attributes"));
        data.put("last_changed", newState == null ? null : newState.path("last_changed").asText(null))
                .put("last_updated", newState == null ? null : newState.path("last_updated").asText(null))
                .put("area_id", areaId).put("resync", event.resync());
        return envelope("entity_state_changed", data, null);
    }

    String error(String code, String message, String field, JsonNode id) {
        ObjectNode data = mapper.createObjectNode().put("code", code).put("error", message);
        if (field != null) {
            data.put("field", field);
        }
        return envelope("error", data, id);
    }

    String subscription(String type, Subscription subscription, JsonNode id) {
        ObjectNode data = mapper.createObjectNode();
        sorted(data.putArray("entity_ids"), subscription.entityIds());
        sorted(data.putArray("domains"), subscription.domains());
        sorted(data.putArray("areas"), subscription.areas());
        data.put("all", subscription.all());
        return envelope(type, data, id);
    }

    String states(Collection<JsonNode> states, boolean stale, JsonNode id) {
        ObjectNode data = mapper.createObjectNode().put("count", states.size()).put("stale", stale);
        data.putArray("states").addAll(states);
        return envelope("states", data, id);
    }

    /** Every area with its tracked entities. */
    String areas(Map<String, String> areaNames, Map<String, List<String>> members, JsonNode id) {
        ObjectNode data = mapper.createObjectNode();
        ArrayNode list = data.putArray("areas");
        areaNames.forEach((areaId, name) -> {
            ObjectNode area = list.addObject().put("area_id", areaId).put("name", name);
            sorted(area.putArray("entity_ids"), members.getOrDefault(areaId, List.of()));
        });
        return envelope("areas", data, id);
    }

    /** An entity joined or left an area the client subscribes to; {@code state} is its current state or null. */
    String membershipChanged(AreaIndex.Move move, JsonNode state) {
        ObjectNode data = mapper.createObjectNode().put("entity_id", move.entityId())
                .put("old_area_id", move.oldAreaId()).put("new_area_id", move.newAreaId());
        data.set("state", state);
        return envelope("area_membership_changed", data, null);
    }

    String broadcast(String type, JsonNode data) {
        return envelope(type, data, null);
    }

    private String envelope(String type, JsonNode data, JsonNode id) {
        ObjectNode message = mapper.createObjectNode().put("type", type);
        message.set("data", data);
        if (id != null && !id.isNull()) {
            message.set("id", id);
        }
        message.put("timestamp", now());
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type + " message", e);
        }
    }

    private static void sorted(ArrayNode array, Collection<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static String now() {
        return Instant.now().toString();
    }
}
