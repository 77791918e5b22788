package io.hacamel.bridge.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The last state the bridge handed on for every entity, so that after a reconnect the difference with Home
 * Assistant's current states can be turned into events: changed or added entities, and removals. Touched only by the
 * connection's reader. States are kept compact and read back only when a resync finds them changed.
 */
final class StateMirror {

    /** What one resync found; the events are in Home Assistant's entity order, removals last. */
    record Resync(List<HaEvent> events, int entities, int changed, int removed) {
    }

    private final Map<String, CompactState> states = new HashMap<>();
    private volatile int size;

    /** Records a live state change (a null new state is a removal). */
    void apply(HaEvent event) {
        if (event.entityId() == null) {
            return;
        }
        if (event.compactNewState() == null) {
            states.remove(event.entityId());
        } else {
            states.put(event.entityId(), event.compactNewState());
        }
        size = states.size();
    }

    /**
     * @param slices each state's bytes as Home Assistant sent them, in the same order (see {@link StateSlices}), or
     *               null to write them from the trees
     */
    Resync reconcile(JsonNode currentStates, List<byte[]> slices, String now) {
        List<HaEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int changed = 0;
        boolean sliced = slices != null && currentStates.isArray() && slices.size() == currentStates.size();
        int index = -1;
        for (JsonNode state : currentStates) {
            index++;
            String entityId = state.path("entity_id").asText(null);
            if (entityId == null) {
                continue;
            }
            seen.add(entityId);
            CompactState compact = sliced ? CompactState.of(entityId, slices.get(index)) : CompactState.of(state);
            CompactState known = states.put(entityId, compact);
            JsonNode knownTree = known == null || known.sameJson(compact) ? null : known.tree();
            if (known == null || knownTree != null && !sameState(knownTree, state)) {
                events.add(HaEvent.resync(entityId, knownTree, state, compact, now));
                changed++;
            }
        }
        int removed = 0;
        for (var it = states.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!seen.contains(entry.getKey())) {
                events.add(HaEvent.resync(entry.getKey(), entry.getValue().tree(), null, now));
                it.remove();
                removed++;
            }
        }
        size = states.size();
        return new Resync(events, seen.size(), changed, removed);
    }

    /** Every known state as an added-entity event, for a subscriber that knows nothing yet. */
    Resync snapshot(String now) {
        List<HaEvent> events = new ArrayList<>(states.size());
        states.forEach((entityId, state) -> events.add(HaEvent.resync(entityId, null, state.tree(), state, now)));
        return new Resync(events, states.size(), events.size(), 0);
    }

    /**
     * Every known state after a resync found {@code changes}: an entity that changed with its change (old state
     * included), the others as added-entity events, then the removals. For a listener told every state again.
     */
    Resync everyState(Resync changes, String now) {
        Map<String, HaEvent> changed = new HashMap<>();
        List<HaEvent> removals = new ArrayList<>();
        for (HaEvent event : changes.events()) {
            if (event.isRemoval()) {
                removals.add(event);
            } else {
                changed.put(event.entityId(), event);
            }
        }
        List<HaEvent> events = new ArrayList<>(states.size() + removals.size());
        states.forEach((entityId, state) -> {
            HaEvent change = changed.get(entityId);
            events.add(change != null ? change : HaEvent.resync(entityId, null, state.tree(), state, now));
        });
        events.addAll(removals);
        return new Resync(events, states.size(), changes.changed(), changes.removed());
    }

    /** The entity's last known state, or null when it has none. */
    CompactState state(String entityId) {
        return states.get(entityId);
    }

    /** Forgets every state: without a subscription to state changes the mirror would silently go stale. */
    void clear() {
        states.clear();
        size = 0;
    }

    /** Safe to read from any thread: the value may be a moment old. */
    int size() {
        return size;
    }

    /** Same state, attributes and timestamps; {@code last_reported} alone does not make a change. */
    private static boolean sameState(JsonNode a, JsonNode b) {
        return Objects.equals(a.get("state"), b.get("state"))
                && Objects.equals(a.get("attributes"), b.get("attributes"))
                && Objects.equals(a.get("last_changed"), b.get("last_changed"))
                && Objects.equals(a.get("last_updated"), b.get("last_updated"));
    }
}
