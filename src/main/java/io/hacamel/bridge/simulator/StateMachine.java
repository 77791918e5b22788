package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant's state machine: the current state of every entity, in insertion order like {@code hass.states},
 * firing state_changed for every real change and keeping derived (template-like) entities in step. Not thread-safe:
 * {@link SimulatedHome} serialises all access.
 */
final class StateMachine {

    private final Map<String, EntityState> states = new LinkedHashMap<>();
    private final List<DerivedEntity> derived = new ArrayList<>();
    private final HomeEventBus bus;

    StateMachine(HomeEventBus bus) {
        this.bus = bus;
    }

    EntityState get(String entityId) {
        return states.get(entityId);
    }

    Collection<EntityState> all() {
        return states.values();
    }

    int size() {
        return states.size();
    }

    void addDerived(DerivedEntity entity) {
        derived.add(entity);
    }

    DerivedEntity derivedFor(String entityId) {
        for (DerivedEntity entity : derived) {
            if (entity.entityId().equals(entityId)) {
                return entity;
            }
        }
        return null;
    }

    /** Puts a state as it is, timestamps and context included, without an event: for building homes. */
    void restore(EntityState state) {
        states.put(state.entityId(), state);
    }

    /**
     * {@code hass.states.async_set}: writes a state and fires state_changed, unless state and attributes are both
     * unchanged and no update is forced (Home Assistant 2023.6 then fires nothing).
     *
     * @return the new state, or null when nothing changed
     */
    EntityState set(String entityId, String state, ObjectNode attributes, boolean forceUpdate, HaContext context) {
        EntityState old = states.get(entityId);
        boolean sameState = old != null && old.state().equals(state);
        boolean sameAttributes = old != null && old.attributes().equals(attributes);
        if (sameState && sameAttributes && !forceUpdate) {
            return null;
        }
        String now = HaTime.now();
        ObjectNode ownAttributes = sameAttributes ? old.attributes() : attributes.deepCopy();
        String attributesJson = sameAttributes ? old.attributesJson() : Json.write(ownAttributes);
        EntityState updated = EntityState.of(entityId, state, ownAttributes, attributesJson,
            sameState ? old.lastChanged() : now, now, context);
        states.put(entityId, updated);
        bus.fire(() -> HomeEvent.stateChanged(entityId, old, updated, context, now));
        refreshDependents(entityId, context);
        return updated;
    }

    boolean remove(String entityId, HaContext context) {
        EntityState old = states.remove(entityId);
        if (old == null) {
            return false;
        }
        bus.fire(() -> HomeEvent.stateChanged(entityId, old, null, context, HaTime.now()));
        return true;
    }

    /** get_states' result: the cached JSON of every state, joined. */
    String allJson() {
        int length = 2;
        for (EntityState state : states.values()) {
            length += state.json().length() + 1;
        }
        StringBuilder out = new StringBuilder(length).append('[');
        for (EntityState state : states.values()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(state.json());
        }
        return out.append(']').toString();
    }

    private void refreshDependents(String entityId, HaContext context) {
        for (DerivedEntity entity : derived) {
            if (entity.dependsOn(entityId)) {
                entity.refresh(this, context);
            }
        }
    }
}
