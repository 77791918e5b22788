package io.hacamel.bridge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.client.HaEvent;

/**
 * What the MQTT target publishes: an entity's new state (null when it was removed), or the snapshot of every
 * retained state that follows a (re)connect to the broker.
 *
 * @param newState the event's own tree (shared, not a copy), to make the topics from without parsing again
 * @param compactNewState what the target keeps once the broker holds it
 * @param oldState for a removal only, the state before: to clear the topics of an entity the bridge has not published
 */
record StateUpdate(String entityId, JsonNode newState, CompactState compactNewState, CompactState oldState) {

    static final StateUpdate SNAPSHOT = new StateUpdate(null, null, null, null);

    /** Snapshots coalesce with each other: one waiting snapshot is enough. */
    private static final String SNAPSHOT_KEY = "\u0000snapshot";

    static StateUpdate of(HaEvent event) {
        return new StateUpdate(event.entityId(), event.newState(), event.compactNewState(),
                event.isRemoval() ? CompactState.of(event.oldState()) : null);
    }

    boolean isSnapshot() {
        return entityId == null;
    }

    boolean isRemoval() {
        return entityId != null && newState == null;
    }

    String key() {
        return isSnapshot() ? SNAPSHOT_KEY : entityId;
    }

    /** A waiting update and a newer one of the same entity: the newer state wins. */
    static StateUpdate merge(StateUpdate waiting, StateUpdate newer) {
        return newer.isSnapshot() ? waiting
                : new StateUpdate(newer.entityId, newer.newState, newer.compactNewState,
                        newer.oldState != null ? newer.oldState : waiting.oldState);
    }
}
