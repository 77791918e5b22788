package io.hacamel.bridge.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.client.StateFields;

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
    private static final byte[] NO_ATTRIBUTES = bytes("{}");
    /** First levels under the base that are the bridge's own, not an entity's domain. */
    private static final Set<String> NOT_DOMAINS = Set.of("bridge", "command");

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

    /** What the bridge publishes under: every entity's topics (the filter learns what a broker retains there). */
    String everything() {
        return baseTopic + "/#";
    }

    /**
     * The entity a topic of this layout belongs to ({@code light.kitchen} for {@code <base>/light/kitchen/state} and
     * its other topics), or null for a topic that is no entity's: outside the base, the bridge's availability
     * ({@code <base>/bridge/…}) and MQTT commands ({@code <base>/command/…}).
     */
    String entityOf(String topic) {
        if (!topic.startsWith(baseTopic + "/")) {
            return null;
        }
        String[] levels = topic.substring(baseTopic.length() + 1).split("/", 3);
        if (levels.length < 3 || levels[0].isEmpty() || levels[1].isEmpty() || levels[2].isEmpty()
                || NOT_DOMAINS.contains(levels[0])) {
            return null;
        }
        return levels[0] + "." + levels[1];
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

    /**
     * The same topics of a state kept compact: the state the broker holds, compared with every change. Unless there
     * is a topic per attribute (or the state is unusual), they are read from the bytes without making a tree; the
     * attributes document is then the state's own bytes of it, which are what {@code toString()} of its tree writes.
     */
    Map<String, byte[]> topics(String entityId, CompactState state, Consumer<String> skippedAttribute) {
        StateFields fields = attributes.topics() ? null : state.fields();
        if (fields == null) {
            return topics(entityId, state.tree(), skippedAttribute);
        }
        String prefix = prefix(entityId) + "/";
        Map<String, byte[]> topics = new LinkedHashMap<>();
        topics.put(prefix + STATE, bytes(fields.state()));
        if (timestamps) {
            putText(topics, prefix + LAST_CHANGED, fields.lastChanged());
            putText(topics, prefix + LAST_UPDATED, fields.lastUpdated());
        }
        if (attributes.json()) {
            topics.put(prefix + ATTRIBUTES, fields.attributesFrom() < 0 ? NO_ATTRIBUTES
                    : Arrays.copyOfRange(state.json(), fields.attributesFrom(), fields.attributesTo()));
        }
        return topics;
    }

    private boolean usableName(String name) {
        return !name.isEmpty() && !reserved.contains(name) && name.indexOf('+') < 0 && name.indexOf('#') < 0
                && name.indexOf('\u0000') < 0;
    }

    private static void putText(Map<String, byte[]> topics, String topic, JsonNode value) {
        putText(topics, topic, value != null && value.isTextual() ? value.textValue() : null);
    }

    private static void putText(Map<String, byte[]> topics, String topic, String value) {
        if (value != null) {
            topics.put(topic, bytes(value));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
