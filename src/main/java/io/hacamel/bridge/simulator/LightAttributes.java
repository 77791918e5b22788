package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A light's attributes in Home Assistant's order: capability attributes first, then the state attributes that only
 * exist while the light is on (color_mode, brightness), then the entity's own (friendly_name, supported_features).
 */
final class LightAttributes {

    private static final Set<String> CAPABILITIES = Set.of("supported_color_modes", "effect_list", "min_mireds",
        "max_mireds", "min_color_temp_kelvin", "max_color_temp_kelvin");

    private LightAttributes() {
    }

    static ObjectNode on(ObjectNode current, int brightness) {
        ObjectNode result = Json.object();
        copy(current, result, true);
        if (supportsBrightness(current)) {
            result.put("color_mode", "brightness");
            result.put("brightness", Math.max(0, Math.min(255, brightness)));
        }
        copy(current, result, false);
        return result;
    }

    static ObjectNode off(ObjectNode current) {
        ObjectNode result = current.deepCopy();
        result.remove("color_mode");
        result.remove("brightness");
        return result;
    }

    static boolean supportsBrightness(ObjectNode attributes) {
        JsonNode modes = attributes.get("supported_color_modes");
        if (modes == null) {
            return false;
        }
        for (JsonNode mode : modes) {
            if (!"onoff".equals(mode.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void copy(ObjectNode from, ObjectNode to, boolean capabilities) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("color_mode") || key.equals("brightness")) {
                continue;
            }
            if (CAPABILITIES.contains(key) == capabilities) {
                to.set(key, field.getValue().deepCopy());
            }
        }
    }
}
