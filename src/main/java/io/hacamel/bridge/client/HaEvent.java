package io.hacamel.bridge.client;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Home Assistant event as the bridge hands it on. For {@code state_changed}, {@code entityId}, {@code oldState}
 * (null when the entity was added) and {@code newState} (null when it was removed) are taken out of the event's data.
 * {@code resync} marks events the bridge made itself after a (re)connect, from the difference between what it knew
 * and Home Assistant's current states.
 *
 * <p>A live event is read from the frame's tokens ({@link EventScan}): its type, entity, time, the {@code state}
 * strings and the new state's bytes are known at once; the trees ({@link #oldState()}, {@link #newState()},
 * {@link #event()}) are made from Home Assistant's bytes the first time someone asks, on whatever thread asks, and
 * kept. A change merged into a newer one while it waited is never made into a tree. Immutable; safe to share.
 */
public final class HaEvent {

    public static final String STATE_CHANGED = "state_changed";

    /**
     * Sent once after every resync, after its events: from then on every state Home Assistant has was delivered.
     * The bridge's own event type, never sent by Home Assistant.
     */
    public static final String SYNCED = "bridge_synced";

    private final String eventType;
    private final String entityId;
    private final LazyTree oldState;
    private final LazyTree newState;
    private final CompactState compactNewState;
    private final String timeFired;
    private final LazyTree event;
    private final boolean resync;
    /** The {@code state} strings, when known without a tree (a scanned event); else read from the trees. */
    private final String oldStateValue;
    private final String newStateValue;
    private final boolean stateValuesKnown;

    private HaEvent(String eventType, String entityId, LazyTree oldState, LazyTree newState,
            CompactState compactNewState, String timeFired, LazyTree event, boolean resync, String oldStateValue,
            String newStateValue, boolean stateValuesKnown) {
        this.eventType = eventType;
        this.entityId = entityId;
        this.oldState = oldState;
        this.newState = newState;
        this.compactNewState = compactNewState;
        this.timeFired = timeFired;
        this.event = event;
        this.resync = resync;
        this.oldStateValue = oldStateValue;
        this.newStateValue = newStateValue;
        this.stateValuesKnown = stateValuesKnown;
    }

    /**
     * An event from its trees.
     *
     * @param compactNewState the new state as compact JSON: what everything that keeps states keeps (see
     *     {@link CompactState})
     * @param event the event object as Home Assistant sent it (or as the bridge made it, for resync events)
     */
    public HaEvent(String eventType, String entityId, JsonNode oldState, JsonNode newState,
            CompactState compactNewState, String timeFired, JsonNode event, boolean resync) {
        this(eventType, entityId, LazyTree.of(oldState), LazyTree.of(newState), compactNewState, timeFired,
                LazyTree.of(event), resync, null, null, false);
    }

    /** An event whose new state is made compact here. */
    public HaEvent(String eventType, String entityId, JsonNode oldState, JsonNode newState, String timeFired,
            JsonNode event, boolean resync) {
        this(eventType, entityId, oldState, newState, CompactState.of(newState), timeFired, event, resync);
    }

    /** Reads a live event frame's {@code event} object. */
    public static HaEvent fromHomeAssistant(JsonNode event) {
        String type = event.path("event_type").asText(null);
        JsonNode data = event.path("data");
        String entityId = data.path("entity_id").isTextual() ? data.get("entity_id").asText() : null;
        return new HaEvent(type, entityId, nullIfMissing(data.get("old_state")), nullIfMissing(data.get("new_state")),
                event.path("time_fired").asText(null), event, false);
    }

    /**
     * A live event read from its tokens ({@link EventScan}): the states' bytes (objects, or null when absent) and
     * their {@code state} strings (null when not a string), the event object's bytes.
     */
    static HaEvent scanned(String eventType, String entityId, byte[] oldState, String oldStateValue,
            CompactState newState, String newStateValue, String timeFired, byte[] event) {
        boolean valuesKnown = (oldState == null || oldStateValue != null)
                && (newState == null || newStateValue != null);
        return new HaEvent(eventType, entityId, LazyTree.parse(oldState),
                newState == null ? LazyTree.NONE : LazyTree.parse(newState.json()), newState, timeFired,
                LazyTree.parse(event), false, oldStateValue, newStateValue, valuesKnown);
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
     * state. Cheap (states are shared, not copied or parsed; the bridge never modifies a state), as it runs on the
     * reader; the merged event object is made only when asked for.
     */
    public static HaEvent coalesce(HaEvent waiting, HaEvent newer) {
        // the tree to be made holds the parts it needs, never the waiting change itself: merged in turn, that would
        // hold every change merged before it, and a flood of changes ran out of heap
        LazyTree firstOldState = waiting.oldState;
        LazyTree newerEvent = newer.event;
        return newer.since(waiting, new LazyTree(() -> {
            JsonNode newerTree = newerEvent.get();
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.setAll((ObjectNode) newerTree);
            ObjectNode data = event.putObject("data");
            data.setAll((ObjectNode) newerTree.path("data"));
            JsonNode oldState = firstOldState.get();
            data.set("old_state", oldState == null ? JsonNodeFactory.instance.nullNode() : oldState);
            return event;
        }));
    }

    /** This change, but from the waiting change's old state on: two changes that waited together, as one. */
    public HaEvent since(HaEvent waiting, JsonNode mergedEvent) {
        return since(waiting, LazyTree.of(mergedEvent));
    }

    private HaEvent since(HaEvent waiting, LazyTree mergedEvent) {
        return new HaEvent(eventType, entityId, waiting.oldState, newState, compactNewState, timeFired, mergedEvent,
                waiting.resync || resync, waiting.oldStateValue, newStateValue,
                stateValuesKnown && waiting.stateValuesKnown);
    }

    public String eventType() {
        return eventType;
    }

    public String entityId() {
        return entityId;
    }

    /** The state before the change; null when the entity was added. */
    public JsonNode oldState() {
        return oldState.get();
    }

    /** The state after the change; null when the entity was removed. */
    public JsonNode newState() {
        return newState.get();
    }

    /** The new state as compact JSON, made once on the reader (see {@link CompactState}); null for a removal. */
    public CompactState compactNewState() {
        return compactNewState;
    }

    public String timeFired() {
        return timeFired;
    }

    /** The event object as Home Assistant sent it (or as the bridge made it, for resync and merged events). */
    public JsonNode event() {
        return event.get();
    }

    public boolean resync() {
        return resync;
    }

    /** The new state's {@code state}, or null when there is no new state or it has none. */
    public String newStateValue() {
        return stateValuesKnown || newState == LazyTree.NONE ? newStateValue : stateText(newState());
    }

    /** The old state's {@code state}, or null when there is no old state or it has none. */
    public String oldStateValue() {
        return stateValuesKnown || oldState == LazyTree.NONE ? oldStateValue : stateText(oldState());
    }

    /** Whether the old and new states have the same {@code state} (an attributes-only change); false for one alone. */
    public boolean sameStateValue() {
        if (oldState == LazyTree.NONE || newState == LazyTree.NONE) {
            return false;
        }
        if (stateValuesKnown && oldStateValue != null && newStateValue != null) {
            return oldStateValue.equals(newStateValue);
        }
        return oldState().path("state").equals(newState().path("state"));
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
        if (oldState == LazyTree.NONE && newState == LazyTree.NONE) {
            return "neither data.old_state nor data.new_state";
        }
        if (oldState.made && !oldState.get().isObject() || newState.made && !newState.get().isObject()) {
            return "data.old_state or data.new_state is not an object"; // a scanned state is always an object
        }
        return null;
    }

    public boolean isRemoval() {
        return STATE_CHANGED.equals(eventType) && newState == LazyTree.NONE;
    }

    /** A state change without an old state: the entity appeared. */
    public boolean isAddition() {
        return STATE_CHANGED.equals(eventType) && oldState == LazyTree.NONE;
    }

    @Override
    public String toString() {
        return "HaEvent[" + eventType + (entityId == null ? "" : ", " + entityId) + (resync ? ", resync" : "") + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HaEvent that && Objects.equals(eventType, that.eventType)
                && Objects.equals(entityId, that.entityId) && resync == that.resync
                && Objects.equals(timeFired, that.timeFired) && Objects.equals(event(), that.event());
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventType, entityId, timeFired, resync);
    }

    private static String stateText(JsonNode state) {
        return state == null ? null : state.path("state").asText(null);
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
