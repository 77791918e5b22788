package io.hacamel.bridge.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateMirrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StateMirror mirror = new StateMirror();

    @Test
    void firstResyncAddsEveryEntity() throws Exception {
        StateMirror.Resync resync = mirror.reconcile(states(state("light.a", "on", "t1"), state("switch.b", "off", "t1")), null, "now");

        assertThat(resync.events()).extracting(HaEvent::entityId).containsExactly("light.a", "switch.b");
        assertThat(resync.events()).allSatisfy(event -> {
            assertThat(event.resync()).isTrue();
            assertThat(event.oldState()).isNull();
        });
        assertThat(resync.changed()).isEqualTo(2);
    }

    @Test
    void laterResyncsReportOnlyWhatChangedAndWhatVanished() throws Exception {
        mirror.reconcile(states(state("light.a", "on", "t1"), state("switch.b", "off", "t1"), state("sensor.c", "1", "t1")), null, "now");
        mirror.apply(HaEvent.fromHomeAssistant(JSON.readTree(
                "{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.c\",\"new_state\":"
                        + state("sensor.c", "2", "t2") + "}}")));

        StateMirror.Resync resync = mirror.reconcile(states(state("light.a", "off", "t3"), state("sensor.c", "2", "t2")), null, "now");

        assertThat(resync.events()).hasSize(2);
        HaEvent changed = resync.events().get(0);
        assertThat(changed.entityId()).isEqualTo("light.a");
        assertThat(changed.oldState().path("state").asText()).isEqualTo("on");
        assertThat(changed.newState().path("state").asText()).isEqualTo("off");
        HaEvent removed = resync.events().get(1);
        assertThat(removed.entityId()).isEqualTo("switch.b");
        assertThat(removed.isRemoval()).isTrue();
        assertThat(removed.event().path("data").path("new_state").isNull()).isTrue();
        assertThat(resync.removed()).isEqualTo(1);
    }

    @Test
    void everyStateAfterAResyncHasTheChangesWithTheirOldStatesAndTheRemovalsLast() throws Exception {
        mirror.reconcile(states(state("light.a", "on", "t1"), state("switch.b", "off", "t1"), state("sensor.c", "1", "t1")), null, "now");
        StateMirror.Resync changes = mirror.reconcile(states(state("light.a", "off", "t3"), state("sensor.c", "1", "t1")), null, "now");

        StateMirror.Resync every = mirror.everyState(changes, "now");

        assertThat(every.events()).hasSize(3);
        assertThat(every.events().subList(0, 2)).extracting(HaEvent::entityId).containsExactlyInAnyOrder("light.a", "sensor.c");
        assertThat(every.events().subList(0, 2)).allSatisfy(event -> {
            assertThat(event.resync()).isTrue();
            assertThat(event.oldState() == null).isEqualTo(event.entityId().equals("sensor.c"));
        });
        assertThat(every.events().get(2).isRemoval()).isTrue();
        assertThat(every.events().get(2).entityId()).isEqualTo("switch.b");
        assertThat(every.changed()).isEqualTo(1);
        assertThat(every.removed()).isEqualTo(1);
    }

    @Test
    void lastReportedAloneIsNoChange() throws Exception {
        mirror.reconcile(states(state("sensor.c", "1", "t1")), null, "now");
        ObjectNode reported = (ObjectNode) JSON.readTree(state("sensor.c", "1", "t1"));
        reported.put("last_reported", "t9");

        assertThat(mirror.reconcile(JSON.createArrayNode().add(reported), null, "now").events()).isEmpty();
    }

    @Test
    void keepsEachStateAsHomeAssistantWroteItWhenGivenItsBytes() throws Exception {
        String light = state("light.a", "on", "t1");
        String sensor = "{ \"entity_id\": \"sensor.b\", \"state\": \"1e-05\" }"; // not how Jackson writes it
        List<byte[]> slices = List.of(light.getBytes(StandardCharsets.UTF_8), sensor.getBytes(StandardCharsets.UTF_8));

        StateMirror.Resync resync = mirror.reconcile(states(light, sensor), slices, "now");

        assertThat(resync.events()).extracting(event -> new String(event.compactNewState().json(), StandardCharsets.UTF_8))
                .containsExactly(light, sensor);
        assertThat(resync.events().get(1).compactNewState().entityId()).isEqualTo("sensor.b");
        assertThat(mirror.reconcile(states(light, sensor), null, "now").events())
                .as("the same states written by Jackson are no change").isEmpty();
    }

    @Test
    void writesTheStatesItselfWhenTheBytesDoNotMatchTheStates() throws Exception {
        String light = state("light.a", "on", "t1");
        List<byte[]> tooFew = List.of("{\"entity_id\":\"other\"}".getBytes(StandardCharsets.UTF_8));

        StateMirror.Resync resync = mirror.reconcile(states(light, state("sensor.b", "1", "t1")), tooFew, "now");

        assertThat(resync.events()).extracting(event -> new String(event.compactNewState().json(), StandardCharsets.UTF_8))
                .containsExactly(light, state("sensor.b", "1", "t1"));
    }

    private static String state(String entityId, String state, String updated) {
        return "{\"entity_id\":\"" + entityId + "\",\"state\":\"" + state + "\",\"attributes\":{},\"last_changed\":\""
                + updated + "\",\"last_updated\":\"" + updated + "\"}";
    }

    private static JsonNode states(String... states) throws Exception {
        return JSON.readTree("[" + String.join(",", List.of(states)) + "]");
    }
}
