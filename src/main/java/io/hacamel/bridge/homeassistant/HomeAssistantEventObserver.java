package io.hacamel.bridge.homeassistant;

import io.hacamel.bridge.client.HaEvent;

/**
 * Told about every event a {@code homeassistant:events} consumer handles, for metrics. {@link #received} and
 * {@link #malformed} run on the session's reader, {@link #processed} on the consumer's dispatch thread: all must be
 * cheap and must not block.
 */
public interface HomeAssistantEventObserver {

    HomeAssistantEventObserver NONE = new HomeAssistantEventObserver() {
    };

    /** The event reached the consumer and waits for the route. */
    default void received(HaEvent event) {
    }

    /** The event was skipped because the bridge cannot use it; see {@link HaEvent#defect()}. */
    default void malformed(HaEvent event, String defect) {
    }

    /**
     * The route is done with the event.
     *
     * @param dispatchedAtMillis when the route took the event (epoch milliseconds), for the event's lag
     * @param failed             whether the route failed, also when an error handler dealt with the failure
     */
    default void processed(HaEvent event, long dispatchedAtMillis, boolean failed) {
    }
}
