package io.hacamel.bridge.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.publish.Statestream.Attributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatestreamTest {

    private static final String LIGHT = """
            {"entity_id":"light.kitchen","state":"on","attributes":{"brightness":180,"friendly_name":"Küche",
             "rgb_color":[255,200,100],"state":"weird","bad+name":1,"attributes":{}},
             "last_changed":"2024-01-02T03:04:05.123456+00:00","last_updated":"2024-01-02T03:04:06+00:00"}""";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> skipped = new ArrayList<>();

    @Test
    void topicsPerAttributeAsStatestreamPublishesThem() throws Exception {
        Map<String, String> topics = topics(new Statestream("base", Attributes.TOPICS, true));

        assertThat(topics).containsExactly(
                Map.entry("base/light/kitchen/state", "on"),
                Map.entry("base/light/kitchen/last_changed", "2024-01-02T03:04:05.123456+00:00"),
                Map.entry("base/light/kitchen/last_updated", "2024-01-02T03:04:06+00:00"),
                Map.entry("base/light/kitchen/brightness", "180"),
                Map.entry("base/light/kitchen/friendly_name", "\"K\\u00fcche\""),
                Map.entry("base/light/kitchen/rgb_color", "[255, 200, 100]"));
        assertThat(skipped).containsExactly("state", "bad+name", "attributes");
    }

    @Test
    void oneAttributesDocumentWithoutTimestamps() throws Exception {
        Map<String, String> topics = topics(new Statestream("base", Attributes.JSON, false));

        assertThat(topics.keySet()).containsExactly("base/light/kitchen/state", "base/light/kitchen/attributes");
        assertThat(json.readTree(topics.get("base/light/kitchen/attributes")))
                .isEqualTo(json.readTree(LIGHT).get("attributes"));
    }

    @Test
    void bothOrNone() throws Exception {
        assertThat(topics(new Statestream("base", Attributes.BOTH, false)))
                .containsKeys("base/light/kitchen/attributes", "base/light/kitchen/brightness");
        assertThat(topics(new Statestream("base", Attributes.NONE, false)).keySet())
                .containsExactly("base/light/kitchen/state");
        assertThatThrownBy(() -> Attributes.of("all")).hasMessageContaining("mqtt.statestream.attributes");
    }

    @Test
    void aCompactStateHasTheTopicsOfItsTree() throws Exception {
        List<String> states = List.of(LIGHT,
                "{\"entity_id\":\"sensor.t\",\"state\":\"21.5\",\"attributes\":{\"x\":1.0E-5,"
                        + "\"big\":123456789012345678901,\"s\":\"a\\\"b\\\\c\\u0001 \u00e9\u20ac\","
                        + "\"nested\":{\"a\":[1,{\"b\":null}]}},\"last_changed\":null}",
                "{\"entity_id\":\"sensor.bare\",\"state\":\"\"}",
                "{\"entity_id\":\"sensor.odd\",\"attributes\":[1,2],\"state\":\"on\",\"last_updated\":5}",
                "{\"entity_id\":\"sensor.twice\",\"attributes\":{\"a\":1},\"state\":\"on\",\"attributes\":null}",
                "{\"entity_id\":\"sensor.number\",\"state\":3,\"attributes\":{\"a\":1}}",
                "{\"entity_id\":\"sensor.quoted\",\"state\":\"say \\\"hi\\\"\",\"last_changed\":\"a\\\\b\"}",
                "{\"entity_id\":\"sensor.list\",\"state\":\"on\",\"attributes\":{},\"last_updated\":[\"x\"]}");
        for (Attributes mode : Attributes.values()) {
            for (boolean timestamps : new boolean[] {false, true}) {
                Statestream layout = new Statestream("base", mode, timestamps);
                for (String text : states) {
                    JsonNode tree = json.readTree(text);
                    String entityId = tree.path("entity_id").asText();
                    assertThat(strings(layout.topics(entityId, CompactState.of(tree), name -> { })))
                            .as(mode + ", timestamps " + timestamps + ": " + text)
                            .containsExactlyEntriesOf(strings(layout.topics(entityId, tree, name -> { })));
                }
            }
        }
    }

    private static Map<String, String> strings(Map<String, byte[]> topics) {
        Map<String, String> strings = new LinkedHashMap<>();
        topics.forEach((topic, payload) -> strings.put(topic, new String(payload, StandardCharsets.UTF_8)));
        return strings;
    }

    private Map<String, String> topics(Statestream layout) throws Exception {
        JsonNode state = json.readTree(LIGHT);
        Map<String, String> topics = new LinkedHashMap<>();
        layout.topics("light.kitchen", state, skipped::add)
                .forEach((topic, payload) -> topics.put(topic, new String(payload, StandardCharsets.UTF_8)));
        return topics;
    }
}
