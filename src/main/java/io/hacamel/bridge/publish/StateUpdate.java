package io.hacamel.bridge.publish;

import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.client.HaEvent;

/**
 * What the MQTT target publishes: an entity's new state (null when it was removed), the snapshot of every retained
 * state that follows a (re)connect to the broker, or the sweep that clears retained topics no entity owns. The two
 * markers are told apart by identity.
 *
 * @param compactNewState the new state as Home Assistant wrote it: the topics are made from its bytes, and the target
 *     keeps it once the broker holds it
 * @param oldState for a removal only, the state before: to clear the topics of an entity the bridge has not published
 */
record StateUpdate(String entityId, CompactState compactNewState, CompactState oldState) {

    static final StateUpdate SNAPSHOT = new StateUpdate(null, null, null);
    static final StateUpdate SWEEP = new StateUpdate(null, null, null);

    /** Markers coalesce with their own kind: one waiting snapshot, or sweep, is enough. */
    private static final String SNAPSHOT_KEY = "\u0000snapshot";
    private static final String SWEEP_KEY = "\u0000sweep";

    static StateUpdate of(HaEvent event) {
        return new StateUpdate(event.entityId(), event.compactNewState(),
                event.isRemoval() ? CompactState.of(event.oldState()) : null);
    }

    boolean isSnapshot() {
        return this == SNAPSHOT;
    }

    boolean isSweep() {
        return this == SWEEP;
    }

    /** A snapshot or a sweep: no entity's update. */
    boolean isMarker() {
        return entityId == null;
    }

    boolean isRemoval() {
        return entityId != null && compactNewState == null;
    }

    String key() {
        return isSnapshot() ? SNAPSHOT_KEY : isSweep() ? SWEEP_KEY : entityId;
    }

    /** A waiting update and a newer one of the same entity: the newer state wins. */
    static StateUpdate merge(StateUpdate waiting, StateUpdate newer) {
        return newer.isMarker() ? waiting
                : new StateUpdate(newer.entityId, newer.compactNewState,
                        newer.oldState != null ? newer.oldState : waiting.oldState);
    }
}
