package io.hacamel.bridge.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The standing subscriptions of a connection, and which Home Assistant subscription id each has right now. */
final class Subscriptions {

    private final List<HaSubscription> all = new CopyOnWriteArrayList<>();
    private final Map<Integer, HaSubscription> byId = new ConcurrentHashMap<>();

    HaSubscription add(String eventType, HaEventListener listener) {
        HaSubscription subscription = new HaSubscription(eventType, listener);
        all.add(subscription);
        return subscription;
    }

    void remove(HaSubscription subscription) {
        all.remove(subscription);
        if (subscription.haId() >= 0) {
            byId.remove(subscription.haId(), subscription);
        }
        subscription.haId(-1);
    }

    /** Records the id of the subscribe_events message, before it is written: events may follow at once. */
    void bind(int haId, HaSubscription subscription) {
        subscription.haId(haId);
        byId.put(haId, subscription);
    }

    HaSubscription byId(int haId) {
        return byId.get(haId);
    }

    /** Ids die with the connection. */
    void forgetIds() {
        byId.clear();
        all.forEach(subscription -> subscription.haId(-1));
    }

    List<HaSubscription> all() {
        return all;
    }

    boolean anyReceivesStateChanges() {
        return all.stream().anyMatch(HaSubscription::receivesStateChanges);
    }

    int size() {
        return all.size();
    }
}
