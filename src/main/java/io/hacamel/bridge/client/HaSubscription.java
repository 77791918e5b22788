package io.hacamel.bridge.client;

/**
 * A standing subscription to one event type (or to every event when {@code eventType} is null). The connection
 * re-subscribes it after every reconnect, under a new Home Assistant subscription id.
 */
public final class HaSubscription {

    private final String eventType;
    private final HaEventListener listener;
    private volatile int haId = -1;
    private boolean seeded; // touched on the connection's context only

    HaSubscription(String eventType, HaEventListener listener) {
        this.eventType = eventType;
        this.listener = listener;
    }

    public String eventType() {
        return eventType;
    }

    /** True when this subscription receives {@code state_changed} events and so takes part in resyncs. */
    public boolean receivesStateChanges() {
        return eventType == null || HaEvent.STATE_CHANGED.equals(eventType);
    }

    HaEventListener listener() {
        return listener;
    }

    /** The id Home Assistant knows this subscription by on the current connection; -1 when not subscribed. */
    public int haId() {
        return haId;
    }

    void haId(int haId) {
        this.haId = haId;
    }

    /** True once this subscriber got every state (a full snapshot); from then on resyncs send it differences. */
    boolean seeded() {
        return seeded;
    }

    void seeded(boolean seeded) {
        this.seeded = seeded;
    }

    @Override
    public String toString() {
        return "HaSubscription[" + (eventType == null ? "*" : eventType) + ", id=" + haId + "]";
    }
}
