package io.hacamel.bridge.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A standby's memory of a webhook target's changes: the last two lease durations, resent as resync. */
class ResyncWindowTest {

    @Test
    void keepsTheChangesOfTheWindowInOrderAndResendsThemAsResync() {
        ResyncWindow window = new ResyncWindow(Duration.ofSeconds(20));
        Instant now = Instant.now();
        window.add(change("light.old", now.minusSeconds(60)));
        window.add(change("light.hall", now.minusSeconds(15)));
        window.add(change("light.hall", now.minusSeconds(1)));

        List<WebhookDelivery> resync = window.takeAll();

        assertThat(resync).extracting(WebhookDelivery::entityId).containsExactly("light.hall", "light.hall");
        assertThat(resync).allSatisfy(delivery -> assertThat(delivery.payload().path("resync").asBoolean()).isTrue());
        assertThat(window.takeAll()).as("taken").isEmpty();
        assertThat(window.takeDropped()).isZero();
    }

    @Test
    void beyondItsLimitTheOldestChangesAreDroppedAndCounted() {
        ResyncWindow window = new ResyncWindow(Duration.ofHours(1));
        Instant now = Instant.now();
        for (int i = 0; i < ResyncWindow.MAX_CHANGES + 3; i++) {
            window.add(change("sensor.n" + i, now));
        }
        assertThat(window.takeDropped()).isEqualTo(3);
        List<WebhookDelivery> resync = window.takeAll();
        assertThat(resync).hasSize(ResyncWindow.MAX_CHANGES);
        assertThat(resync.get(0).entityId()).isEqualTo("sensor.n3");
    }

    private static WebhookDelivery change(String entityId, Instant queuedAt) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("entity_id", entityId).put("resync", false);
        return new WebhookDelivery(WebhookDelivery.newId(), "alarm", entityId, payload, queuedAt, false);
    }
}
