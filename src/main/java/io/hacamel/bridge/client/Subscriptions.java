package io.hacamel.bridge.client;

import java.util.Arrays;

/**
 * The connection's standing subscriptions: one {@link SharedSubscription} per event type, however many listeners
 * share it. Touched on the connection's context only, but for {@link #size()}.
 */
final class Subscriptions {

    private static final SharedSubscription[] NONE = new SharedSubscription[0];

    /** A few entries: looked up by a scan, which allocates nothing (a map of Integer keys would box every id). */
    private SharedSubscription[] all = NONE;
    private volatile int size;

    /** Adds the listener to the shared subscription of its event type, made if it is the first. */
    SharedSubscription join(HaSubscription listener) {
        for (SharedSubscription shared : all) {
            if (shared.isFor(listener.eventType())) {
                shared.add(listener);
                return shared;
            }
        }
        SharedSubscription shared = new SharedSubscription(listener.eventType());
        shared.add(listener);
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = shared;
        size = all.length;
        return shared;
    }

    /**
     * Takes the listener out; returns its shared subscription when that has no listener left and is dropped (its id
     * still set, for the unsubscribe_events), else null.
     */
    SharedSubscription leave(HaSubscription listener) {
        for (SharedSubscription shared : all) {
            if (shared.isFor(listener.eventType())) {
                if (!shared.remove(listener)) {
                    return null;
                }
                all = Arrays.stream(all).filter(s -> s != shared).toArray(SharedSubscription[]::new);
                size = all.length;
                return shared;
            }
        }
        return null;
    }

    SharedSubscription byId(int haId) {
        if (haId < 0) {
            return null;
        }
        for (SharedSubscription shared : all) {
            if (shared.haId() == haId) {
                return shared;
            }
        }
        return null;
    }

    /** Ids die with the connection. */
    void forgetIds() {
        for (SharedSubscription shared : all) {
            shared.forget();
        }
    }

    SharedSubscription[] all() {
        return all;
    }

    boolean anyReceivesStateChanges() {
        for (SharedSubscription shared : all) {
            if (shared.receivesStateChanges()) {
                return true;
            }
        }
        return false;
    }

    /** Home Assistant subscriptions (one per event type); safe to read from any thread. */
    int size() {
        return size;
    }
}
