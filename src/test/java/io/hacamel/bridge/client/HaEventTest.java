package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HaEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAStateChangedEvent() throws Exception {
        HaEvent event = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "off", "on", "t1")));

        assertThat(event.eventType()).isEqualTo("state_changed");
        assertThat(event.entityId()).isEqualTo("light.kitchen");
        assertThat(event.domain()).isEqualTo("light");
        assertThat(event.oldState().path("state").asText()).isEqualTo("off");
        assertThat(event.newState().path("state").asText()).isEqualTo("on");
        assertThat(event.timeFired()).isEqualTo("t1");
        assertThat(event.resync()).isFalse();
    }

    @Test
    void coalescingGoesFromTheFirstOldStateToTheLastNewStateWithoutTouchingEither() throws Exception {
        HaEvent first = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "off", "on", "t1")));
        HaEvent second = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "on", "dim", "t2")));
        String secondBefore = second.event().toString();

        HaEvent merged = HaEvent.coalesce(first, second);

        assertThat(merged.oldState()).isSameAs(first.oldState());
        assertThat(merged.newState()).isSameAs(second.newState());
        assertThat(merged.timeFired()).isEqualTo("t2");
        JsonNode data = merged.event().path("data");
        assertThat(data.path("old_state").path("state").asText()).isEqualTo("off");
        assertThat(data.path("new_state").path("state").asText()).isEqualTo("dim");
        assertThat(second.event().toString()).isEqualTo(secondBefore);
    }

    private static String change(String entityId, String from, String to, String fired) {
        return "{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"" + entityId + "\",\"old_state\":"
                + state(entityId, from) + ",\"new_state\":" + state(entityId, to) + "},\"origin\":\"LOCAL\","
                + "\"time_fired\":\"" + fired + "\"}";
    }

    private static String state(String entityId, String state) {
        return "{\"entity_id\":\"" + entityId + "\",\"state\":\"" + state + "\",\"attributes\":{}}";
    }
}
