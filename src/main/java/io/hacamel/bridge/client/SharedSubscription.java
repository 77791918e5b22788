package io.hacamel.bridge.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Home Assistant subscription ({@code subscribe_events} of one event type, or of every event) and the listeners
 * that share it: each event is parsed once and handed to every listener in the order Home Assistant sent it. Touched
 * on the connection's context only.
 */
final class SharedSubscription {

    private static final HaSubscription[] NONE = new HaSubscription[0];

    private final String eventType;
    /** An array, so that handing on an event allocates nothing; replaced whenever a listener comes or goes. */
    private HaSubscription[] listeners = NONE;
    private int haId = -1;
    private boolean active;

    SharedSubscription(String eventType) {
        this.eventType = eventType;
    }

    String eventType() {
        return eventType;
    }

    boolean isFor(String type) {
        return Objects.equals(eventType, type);
    }

    boolean receivesStateChanges() {
        return eventType == null || HaEvent.STATE_CHANGED.equals(eventType);
    }

    void add(HaSubscription listener) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    /** Returns true when no listener is left. */
    boolean remove(HaSubscription listener) {
        listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(HaSubscription[]::new);
        return listeners.length == 0;
    }

    HaSubscription[] listeners() {
        return listeners;
    }

    boolean anyUnseeded() {
        for (HaSubscription listener : listeners) {
            if (!listener.seeded()) {
                return true;
            }
        }
        return false;
    }

    void deliver(HaEvent event) {
        for (HaSubscription listener : listeners) {
            MessageRouter.deliver(listener, event);
        }
    }

    /** The id of the subscribe_events message on the current connection; -1 when not subscribed. */
    int haId() {
        return haId;
    }

    /** Set before the subscribe_events message is written: its events may follow at once. */
    void bind(int haId) {
        this.haId = haId;
        this.active = false;
    }

    /** Home Assistant confirmed the subscription: its events flow from here on. */
    boolean active() {
        return active;
    }

    void activate() {
        active = true;
    }

    /** Ids die with the connection. */
    void forget() {
        haId = -1;
        active = false;
    }

    @Override
    public String toString() {
        return "SharedSubscription[" + (eventType == null ? "*" : eventType) + ", id=" + haId + ", listeners="
                + listeners.length + "]";
    }
}
