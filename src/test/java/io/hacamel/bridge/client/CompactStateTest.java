package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class CompactStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheStateAsCompactJsonThatReadsBackAsTheSameTree() throws Exception {
        JsonNode state = JSON.readTree("{ \"entity_id\": \"light.kitchen\", \"state\": \"on\",\n"
                + "  \"attributes\": {\"brightness\": 200, \"friendly_name\": \"Küche \\\"Nord\\\"\", \"rgb\": [1, 2.5, null]}}");

        CompactState compact = CompactState.of(state);

        assertThat(compact.entityId()).isEqualTo("light.kitchen");
        assertThat(new String(compact.json(), UTF_8)).isEqualTo("{\"entity_id\":\"light.kitchen\",\"state\":\"on\","
                + "\"attributes\":{\"brightness\":200,\"friendly_name\":\"Küche \\\"Nord\\\"\",\"rgb\":[1,2.5,null]}}");
        assertThat(compact.tree()).isEqualTo(state).isNotSameAs(compact.tree());
    }

    @Test
    void theSameStateWrittenTwiceHasTheSameBytes() throws Exception {
        String json = "{\"entity_id\":\"sensor.t\",\"state\":\"21.5\",\"attributes\":{}}";

        assertThat(CompactState.of(JSON.readTree(json)).sameJson(CompactState.of(JSON.readTree(json)))).isTrue();
        assertThat(CompactState.of(JSON.readTree(json))
                .sameJson(CompactState.of(JSON.readTree(json.replace("21.5", "21.6"))))).isFalse();
        assertThat(CompactState.of(JSON.readTree(json)).sameJson(null)).isFalse();
    }

    @Test
    void onlyObjectsAreStates() throws Exception {
        assertThat(CompactState.of(null)).isNull();
        assertThat(CompactState.of(JSON.readTree("null"))).isNull();
        assertThat(CompactState.of(JSON.readTree("\"on\""))).isNull();
        assertThat(CompactState.of(JSON.readTree("{\"state\":\"on\"}")).entityId()).isNull();
    }
}
