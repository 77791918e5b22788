package io.hacamel.bridge.client;

/**
 * One listener's standing subscription to an event type (or to every event when {@code eventType} is null). Listeners
 * of one event type share one Home Assistant subscription ({@link SharedSubscription}), which the connection makes
 * again after every reconnect.
 */
public final class HaSubscription {

    /** What a listener of state changes is told when it starts and after each reconnect's resync. */
    public enum Seeding {
        /** The changes from its start on; after a reconnect, what changed meanwhile (removals too). */
        CHANGES,
        /**
         * Every current state once when it starts, then as {@link #CHANGES}: for listeners that keep a copy of the
         * states (a cache, retained MQTT topics), which a reconnect must not make publish everything again.
         */
        STATES_AT_START,
        /**
         * Every current state when it starts and again after every reconnect (an entity that changed meanwhile with
         * its old state, removals too), as Node-RED's "output on connect".
         */
        STATES_AT_EVERY_SYNC
    }

    private final String eventType;
    private final Seeding seeding;
    private final HaEventListener listener;
    private boolean seeded; // touched on the connection's context only

    HaSubscription(String eventType, Seeding seeding, HaEventListener listener) {
        this.eventType = eventType;
        this.seeding = seeding;
        this.listener = listener;
    }

    public String eventType() {
        return eventType;
    }

    /** True when this subscription receives {@code state_changed} events and so takes part in resyncs. */
    public boolean receivesStateChanges() {
        return eventType == null || HaEvent.STATE_CHANGED.equals(eventType);
    }

    Seeding seeding() {
        return seeding;
    }

    /** Whether this resync tells the listener every current state, not only what changed. */
    boolean wantsEveryState() {
        return seeding == Seeding.STATES_AT_EVERY_SYNC || seeding == Seeding.STATES_AT_START && !seeded;
    }

    HaEventListener listener() {
        return listener;
    }

    /** True once a resync (or the mirror) caught this listener up; from then on resyncs send it differences. */
    boolean seeded() {
        return seeded;
    }

    void seeded(boolean seeded) {
        this.seeded = seeded;
    }

    @Override
    public String toString() {
        return "HaSubscription[" + (eventType == null ? "*" : eventType) + "]";
    }
}
