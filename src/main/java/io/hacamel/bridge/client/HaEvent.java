package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Home Assistant event as the bridge hands it on. For {@code state_changed}, {@code entityId}, {@code oldState}
 * (null when the entity was added) and {@code newState} (null when it was removed) are taken out of the event's data.
 * {@code resync} marks events the bridge made itself after a (re)connect, from the difference between what it knew
 * and Home Assistant's current states.
 *
 * @param compactNewState the new state as compact JSON, made once on the reader: what everything that keeps states
 *     keeps (see {@link CompactState})
 * @param event the event object as Home Assistant sent it (or as the bridge made it, for resync events)
 */
public record HaEvent(String eventType, String entityId, JsonNode oldState, JsonNode newState,
        CompactState compactNewState, String timeFired, JsonNode event, boolean resync) {

    /** An event whose new state is made compact here. */
    public HaEvent(String eventType, String entityId, JsonNode oldState, JsonNode newState, String timeFired,
            JsonNode event, boolean resync) {
        this(eventType, entityId, oldState, newState, CompactState.of(newState), timeFired, event, resync);
    }

    public static final String STATE_CHANGED = "state_changed";

    /**
     * Sent once after every resync, after its events: from then on every state Home Assistant has was delivered.
     * The bridge's own event type, never sent by Home Assistant.
     */
    public static final String SYNCED = "bridge_synced";

    /** Reads a live event frame's {@code event} object. */
    public static HaEvent fromHomeAssistant(JsonNode event) {
        String type = event.path("event_type").asText(null);
        JsonNode data = event.path("data");
        String entityId = data.path("entity_id").isTextual() ? data.get("entity_id").asText() : null;
        return new HaEvent(type, entityId, nullIfMissing(data.get("old_state")), nullIfMissing(data.get("new_state")),
                event.path("time_fired").asText(null), event, false);
    }

    /** A state change the bridge noticed while resyncing, shaped like Home Assistant's own event. */
    public static HaEvent resync(String entityId, JsonNode oldState, JsonNode newState, String timeFired) {
        return resync(entityId, oldState, newState, CompactState.of(newState), timeFired);
    }

    /** The same, with the new state already made compact. */
    static HaEvent resync(String entityId, JsonNode oldState, JsonNode newState, CompactState compactNewState,
            String timeFired) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("event_type", STATE_CHANGED);
        ObjectNode data = event.putObject("data");
        data.put("entity_id", entityId);
        data.set("old_state", oldState == null ? JsonNodeFactory.instance.nullNode() : oldState);
        data.set("new_state", newState == null ? JsonNodeFactory.instance.nullNode() : newState);
        event.put("origin", "LOCAL");
        event.put("time_fired", timeFired);
        JsonNode context = newState != null ? newState.get("context") : null;
        if (context != null) {
            event.set("context", context);
        }
        event.put("resync", true);
        return new HaEvent(STATE_CHANGED, entityId, oldState, newState, compactNewState, timeFired, event, true);
    }

    /** The marker that ends a resync; its data counts what the resync found. */
    public static HaEvent synced(int entities, int changed, int removed, String timeFired) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("event_type", SYNCED);
        event.putObject("data").put("entities", entities).put("changed", changed).put("removed", removed);
        event.put("time_fired", timeFired);
        return new HaEvent(SYNCED, null, null, null, timeFired, event, true);
    }

    /**
     * Two changes of one entity that waited together become one: from the first's old state to the second's new
     * state. Cheap (states are shared, not copied; the bridge never modifies a state), as it runs on the reader.
     */
    public static HaEvent coalesce(HaEvent waiting, HaEvent newer) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.setAll((ObjectNode) newer.event());
        ObjectNode data = event.putObject("data");
        data.setAll((ObjectNode) newer.event().path("data"));
        data.set("old_state", waiting.oldState() == null ? JsonNodeFactory.instance.nullNode() : waiting.oldState());
        return newer.since(waiting, event);
    }

    /** This change, but from the waiting change's old state on: two changes that waited together, as one. */
    public HaEvent since(HaEvent waiting, JsonNode mergedEvent) {
        return new HaEvent(eventType, entityId, waiting.oldState(), newState, compactNewState, timeFired, mergedEvent,
                waiting.resync() || resync);
    }

    /** The entity's domain ({@code light} for {@code light.kitchen}), or null for events without an entity. */
    public String domain() {
        if (entityId == null) {
            return null;
        }
        int dot = entityId.indexOf('.');
        return dot > 0 ? entityId.substring(0, dot) : null;
    }

    /**
     * Why the bridge cannot use this event, or null when it can: an event needs a type, and a state change needs an
     * entity id and states that are objects (old_state null when added, new_state null when removed, never both).
     */
    public String defect() {
        if (eventType == null || eventType.isBlank()) {
            return "no event_type";
        }
        if (!STATE_CHANGED.equals(eventType)) {
            return null;
        }
        if (entityId == null) {
            return "no data.entity_id";
        }
        if (oldState == null && newState == null) {
            return "neither data.old_state nor data.new_state";
        }
        if (oldState != null && !oldState.isObject() || newState != null && !newState.isObject()) {
            return "data.old_state or data.new_state is not an object";
        }
        return null;
    }

    public boolean isRemoval() {
        return STATE_CHANGED.equals(eventType) && newState == null;
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
