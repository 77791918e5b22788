package io.hacamel.bridge.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The home's event bus. Events are fired with the home's lock held, so every listener sees them in one order. */
final class HomeEventBus {

    /** Receives events; must not block, it runs while the home is locked. */
    @FunctionalInterface
    interface Listener {
        void onEvent(HomeEvent event);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Returns what cancels the subscription. */
    Runnable listen(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int size() {
        return listeners.size();
    }

    void fire(HomeEvent event) {
        for (Listener listener : listeners) {
            listener.onEvent(event);
        }
    }

    /** Fires the event {@code event} makes, but only makes it when somebody listens. */
    void fire(Supplier<HomeEvent> event) {
        if (!listeners.isEmpty()) {
            fire(event.get());
        }
    }
}
