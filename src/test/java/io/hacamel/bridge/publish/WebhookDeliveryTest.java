package io.hacamel.bridge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.HaEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries of one entity that waited together become one, from what the receiver last heard of to the latest. */
class WebhookDeliveryTest {

    private static final String LAMP = "light.porch";

    @Test
    void changesThatWaitedTogetherGoFromTheFirstOldStateToTheLastNewState() {
        WebhookDelivery first = delivery(state("off"), state("on"));
        WebhookDelivery merged = WebhookDelivery.merge(first, delivery(state("on"), state("dim")));

        assertThat(merged.id()).isEqualTo(first.id());
        assertThat(merged.payload().path("old_state").path("state").asText()).isEqualTo("off");
        assertThat(merged.payload().path("new_state").path("state").asText()).isEqualTo("dim");
    }

    @Test
    void anEntityAddedAndRemovedBeforeTheReceiverHeardOfItIsARemovalFromTheStateItHad() {
        WebhookDelivery merged = WebhookDelivery.merge(delivery(null, state("on")), delivery(state("on"), null));

        assertThat(merged.payload().path("old_state").path("state").asText()).isEqualTo("on");
        assertThat(merged.payload().path("new_state").isNull()).isTrue();
        HaEvent asReceived = HaEvent.fromHomeAssistant(asEvent(merged.payload()));
        assertThat(asReceived.defect()).as("a state change a receiver can use").isNull();
        assertThat(asReceived.isRemoval()).isTrue();
    }

    @Test
    void anEntityRemovedAndAddedAgainIsAChangeFromTheStateItHadToTheNewOne() {
        WebhookDelivery merged = WebhookDelivery.merge(delivery(state("on"), null), delivery(null, state("off")));

        assertThat(merged.payload().path("old_state").path("state").asText()).isEqualTo("on");
        assertThat(merged.payload().path("new_state").path("state").asText()).isEqualTo("off");
    }

    private static WebhookDelivery delivery(JsonNode oldState, JsonNode newState) {
        return WebhookDelivery.of("target", new HaEvent(HaEvent.STATE_CHANGED, LAMP, oldState, newState,
                "2024-01-01T00:00:00+00:00", JsonNodeFactory.instance.objectNode(), false));
    }

    private static ObjectNode state(String state) {
        return JsonNodeFactory.instance.objectNode().put("entity_id", LAMP).put("state", state);
    }

    /** A delivery's payload as the event object Home Assistant would have sent. */
    private static ObjectNode asEvent(ObjectNode payload) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("event_type", HaEvent.STATE_CHANGED);
        event.putObject("data").put("entity_id", LAMP).setAll(payload.deepCopy().retain("old_state", "new_state"));
        return event;
    }
}
