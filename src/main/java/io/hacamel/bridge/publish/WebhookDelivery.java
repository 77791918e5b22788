package io.hacamel.bridge.publish;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.HaEvent;

/**
 * One state change on its way to one webhook target. The id stays the same through retries and replays, so that a
 * receiver can tell a repeat from a new delivery.
 *
 * @param payload the JSON body: {@code event_type, entity_id, old_state, new_state, time_fired, resync}
 * @param replay true when re-sent from the dead-letter store
 */
record WebhookDelivery(String id, String target, String entityId, ObjectNode payload, Instant queuedAt,
        boolean replay) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    static WebhookDelivery of(String target, HaEvent event) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("event_type", event.eventType());
        payload.put("entity_id", event.entityId());
        payload.set("old_state", event.oldState());
        payload.set("new_state", event.newState());
        payload.put("time_fired", event.timeFired());
        payload.put("resync", event.resync());
        return new WebhookDelivery(newId(), target, event.entityId(), payload, Instant.now(), false);
    }

    /** The same change as a resync delivery: resent by a new leader, which cannot know whether it was delivered. */
    WebhookDelivery asResync() {
        ObjectNode resync = JsonNodeFactory.instance.objectNode();
        resync.setAll(payload); // the states are shared, never changed
        resync.put("resync", true);
        return new WebhookDelivery(id, target, entityId, resync, queuedAt, replay);
    }

    /**
     * A waiting delivery and a newer one of the same entity become one: from the state the receiver last heard of
     * to the latest, with the waiting delivery's id. An entity added and removed again before the receiver heard of
     * it becomes its removal from the state it had, never a change with neither state.
     */
    static WebhookDelivery merge(WebhookDelivery waiting, WebhookDelivery newer) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.setAll(newer.payload);
        boolean addedThenRemoved = waiting.payload.path("old_state").isNull() && newer.payload.path("new_state").isNull();
        if (!addedThenRemoved) {
            payload.set("old_state", waiting.payload.get("old_state"));
        }
        payload.put("resync", waiting.payload.path("resync").asBoolean() || newer.payload.path("resync").asBoolean());
        return new WebhookDelivery(waiting.id, newer.target, newer.entityId, payload, waiting.queuedAt, false);
    }

    /**
     * Time-ordered (UUID version 7, with a counter within a millisecond), so that dead letters sort by when they were
     * queued.
     */
    static String newId() {
        long high;
        synchronized (RANDOM) {
            long millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis && ++sequence > 0xfff) {
                millis++;
                sequence = 0;
            } else if (millis != lastMillis) {
                sequence = 0;
            }
            lastMillis = millis;
            high = (millis << 16) | 0x7000L | sequence;
        }
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
