package io.hacamel.bridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StateFieldsTest {

    @Test
    void readsWhatStatestreamPublishesFromTheBytes() {
        String json = "{ \"entity_id\": \"light.kitchen\", \"state\": \"on\", \"attributes\": {\"b\": [1, \"\\u00e9\"]},"
                + " \"last_changed\": \"2026-12-07T15:00:00+00:00\", \"last_updated\": null }";
        StateFields fields = StateFields.read(bytes(json));

        assertThat(fields).isNotNull();
        assertThat(fields.state()).isEqualTo("on");
        assertThat(fields.lastChanged()).isEqualTo("2026-12-07T15:00:00+00:00");
        assertThat(fields.lastUpdated()).isNull();
        assertThat(json.substring(fields.attributesFrom(), fields.attributesTo())).isEqualTo("{\"b\": [1, \"\\u00e9\"]}");
    }

    @Test
    void aStateWithoutStateOrAttributesObject() {
        StateFields fields = StateFields.read(bytes("{\"entity_id\":\"sensor.x\",\"attributes\":null}"));

        assertThat(fields.state()).isEmpty();
        assertThat(fields.attributesFrom()).isEqualTo(-1);
    }

    @Test
    void givesUpOnWhatTheTreeMustDecide() {
        assertThat(StateFields.read(bytes("{\"state\":3}"))).as("a state that is no string").isNull();
        assertThat(StateFields.read(bytes("{\"state\":\"a\\\"b\"}"))).as("an escape in the state").isNull();
        assertThat(StateFields.read(bytes("{\"st\\u0061te\":\"on\"}"))).as("an escape in a name").isNull();
        assertThat(StateFields.read(bytes("[\"state\"]"))).as("no object").isNull();
        assertThat(StateFields.read(bytes("{\"state\":\"on\"} x"))).as("bytes after it").isNull();
        String whole = "{\"state\":\"on\",\"attributes\":{\"a\":[1,2]}}";
        for (int length = 0; length < whole.length(); length++) {
            assertThat(StateFields.read(bytes(whole.substring(0, length)))).as("cut at " + length).isNull();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
