package io.hacamel.bridge.api;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.CompactState;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class StateJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StateJson json = new StateJson();

    @Test
    void oneStateGetsItsSourceAndStalenessAfterItsOwnFields() throws Exception {
        CompactState light = state("{\"entity_id\":\"light.a\",\"state\":\"on\",\"attributes\":{\"x\":[1,{\"y\":null}]}}");

        assertThat(new String(json.one(light, "cache", false, 12), UTF_8)).isEqualTo("{\"entity_id\":\"light.a\","
                + "\"state\":\"on\",\"attributes\":{\"x\":[1,{\"y\":null}]},\"source\":\"cache\",\"stale\":false}");
        assertThat(JSON.readTree(json.one(light, "home_assistant", true, 12)).path("age_seconds").asLong()).isEqualTo(12);
        assertThat(JSON.readTree(json.one(light, "cache", true, -1)).has("age_seconds")).as("age unknown").isFalse();
    }

    @Test
    void aListIsAnArrayOfSuchStatesAndAnEmptyObjectStaysValid() throws Exception {
        byte[] list = json.many(List.of(state("{\"entity_id\":\"light.a\"}"), state("{}")), "cache", false, 0);

        assertThat(new String(list, UTF_8)).isEqualTo("[{\"entity_id\":\"light.a\",\"source\":\"cache\","
                + "\"stale\":false},{\"source\":\"cache\",\"stale\":false}]");
        assertThat(new String(json.many(List.of(), "cache", false, 0), UTF_8)).isEqualTo("[]");
    }

    private static CompactState state(String json) throws Exception {
        return CompactState.of(JSON.readTree(json));
    }
}
