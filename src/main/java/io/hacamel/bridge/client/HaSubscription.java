package io.hacamel.bridge.client;

/**
 * One listener's standing subscription to an event type (or to every event when {@code eventType} is null). Listeners
 * of one event type share one Home Assistant subscription ({@link SharedSubscription}), which the connection makes
 * again after every reconnect.
 */
public final class HaSubscription {

    private final String eventType;
    private final boolean initialStates;
    private final HaEventListener listener;
    private boolean seeded; // touched on the connection's context only

    HaSubscription(String eventType, boolean initialStates, HaEventListener listener) {
        this.eventType = eventType;
        this.initialStates = initialStates;
        this.listener = listener;
    }

    public String eventType() {
        return eventType;
    }

    /** True when this subscription receives {@code state_changed} events and so takes part in resyncs. */
    public boolean receivesStateChanges() {
        return eventType == null || HaEvent.STATE_CHANGED.equals(eventType);
    }

    /** Whether the listener is told every current state when it starts, not only the changes from then on. */
    boolean initialStates() {
        return initialStates;
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
