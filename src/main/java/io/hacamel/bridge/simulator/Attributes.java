package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds attribute objects from key/value pairs, for the homes the factories set up. */
final class Attributes {

    private Attributes() {
    }

    /** {@code of("friendly_name", "Kitchen", "brightness", 180, "supported_color_modes", List.of("brightness"))}. */
    static ObjectNode of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("Attributes come in key/value pairs");
        }
        ObjectNode attributes = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.set((String) keyValues[i], node(keyValues[i + 1]));
        }
        return attributes;
    }

    static ObjectNode parse(String json) {
        return (ObjectNode) Json.parseTrusted(json);
    }

    private static JsonNode node(Object value) {
        if (value instanceof List<?> list) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            list.forEach(item -> array.add(node(item)));
            return array;
        }
        return Json.MAPPER.valueToTree(value);
    }
}
