package io.hacamel.bridge.publish;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Home Assistant's mqtt_statestream layout, so that its consumers work unchanged: under
 * {@code <base>/<domain>/<object_id>/} the state string on {@code state}, optionally {@code last_changed} and
 * {@code last_updated} (ISO 8601, as Home Assistant writes them), and the attributes either one topic each (values as
 * Python's {@code json.dumps} writes them, like statestream's {@code publish_attributes}) or one {@code attributes}
 * JSON document, or both.
 */
final class Statestream {

    /** How attributes are published. */
    enum Attributes {
        TOPICS, JSON, BOTH, NONE;

        static Attributes of(String setting) {
            try {
                return valueOf(setting.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mqtt.statestream.attributes must be topics, json, both or none, was '"
                        + setting + "'");
            }
        }

        boolean topics() {
            return this == TOPICS || this == BOTH;
        }

        boolean json() {
            return this == JSON || this == BOTH;
        }
    }

    private static final String STATE = "state";
    private static final String LAST_CHANGED = "last_changed";
    private static final String LAST_UPDATED = "last_updated";
    private static final String ATTRIBUTES = "attributes";

    private final String baseTopic;
    private final Attributes attributes;
    private final boolean timestamps;
    private final Set<String> reserved;

    Statestream(String baseTopic, Attributes attributes, boolean timestamps) {
        this.baseTopic = baseTopic;
        this.attributes = attributes;
        this.timestamps = timestamps;
        this.reserved = Set.of(STATE, LAST_CHANGED, LAST_UPDATED, ATTRIBUTES);
    }

    /** {@code <base>/light/kitchen} for {@code light.kitchen}. */
    String prefix(String entityId) {
        return baseTopic + "/" + entityId.replace('.', '/');
    }

    /** The state topic alone, which every change republishes (statestream consumers take it as "updated"). */
    String stateTopic(String entityId) {
        return prefix(entityId) + "/" + STATE;
    }

    /**
     * Every retained topic of an entity in this state and its payload, state first. An attribute whose name cannot be
     * a topic level (MQTT wildcards, empty) or would overwrite one of the entity's own topics is skipped and reported.
     */
    Map<String, byte[]> topics(String entityId, JsonNode state, Consumer<String> skippedAttribute) {
        String prefix = prefix(entityId) + "/";
        Map<String, byte[]> topics = new LinkedHashMap<>();
        topics.put(prefix + STATE, bytes(state.path(STATE).asText("")));
        if (timestamps) {
            putText(topics, prefix + LAST_CHANGED, state.get(LAST_CHANGED));
            putText(topics, prefix + LAST_UPDATED, state.get(LAST_UPDATED));
        }
        JsonNode values = state.path(ATTRIBUTES);
        if (attributes.topics() && values.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                if (usableName(attribute.getKey())) {
                    topics.put(prefix + attribute.getKey(), bytes(PythonJson.dumps(attribute.getValue())));
                } else {
                    skippedAttribute.accept(attribute.getKey());
                }
            }
        }
        if (attributes.json()) {
            topics.put(prefix + ATTRIBUTES, bytes(values.isObject() ? values.toString() : "{}"));
        }
        return topics;
    }

    private boolean usableName(String name) {
        return !name.isEmpty() && !reserved.contains(name) && name.indexOf('+') < 0 && name.indexOf('#') < 0
                && name.indexOf('\u0000') < 0;
    }

    private static void putText(Map<String, byte[]> topics, String topic, JsonNode value) {
        if (value != null && value.isTextual()) {
            topics.put(topic, bytes(value.textValue()));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
