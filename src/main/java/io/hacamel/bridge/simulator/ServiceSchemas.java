package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The service data schemas of the simulated services. Entity services reject unknown keys like
 * {@code cv.make_entity_service_schema}; fields get the coercions their integrations use, others accept anything.
 */
final class ServiceSchemas {

    private static final String[] HVAC_MODES = {"off", "auto", "cool", "dry", "fan_only", "heat_cool", "heat"};

    /** Keyed by {@code domain.field}: a field means the same in every service of its domain. */
    private static final Map<String, Schema.Validator> FIELDS = Map.of(
        "light.brightness", Validators.coerceInt(null, null, true),
        "light.brightness_pct", Validators.coerceFloat(0, 100),
        "light.transition", Validators.coerceFloat(0, 6553),
        "input_number.value", Validators.coerceFloat(null, null),
        "cover.position", Validators.coerceInt(0, 100, false),
        "fan.percentage", Validators.coerceInt(0, 100, false),
        "media_player.volume_level", Validators.coerceFloat(0, 1),
        "climate.temperature", Validators.coerceFloat(null, null),
        "climate.hvac_mode", Validators.oneOf(HVAC_MODES),
        "weather.type", Validators.oneOf("daily", "hourly", "twice_daily"));

    private ServiceSchemas() {
    }

    static Schema forService(String domain, ObjectNode description) {
        boolean entityService = description.has("target") && !domain.equals("homeassistant");
        Schema schema = entityService ? Schema.strict() : Schema.allowingExtra();
        schema.optional("entity_id", Validators.entityIds())
            .optional("device_id", Validators.stringOrList())
            .optional("area_id", Validators.stringOrList());
        Iterator<Map.Entry<String, JsonNode>> fields = description.path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Schema.Validator validator = FIELDS.getOrDefault(domain + "." + field.getKey(), Validators.ANY);
            if (field.getValue().path("required").asBoolean(false)) {
                schema.required(field.getKey(), validator);
            } else {
                schema.optional(field.getKey(), validator);
            }
        }
        return schema;
    }
}
