package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One immutable Home Assistant state object. Its JSON is built once, by hand, when the state is made, so that
 * get_states and every event reuse it instead of serialising again.
 */
record EntityState(String entityId, String state, ObjectNode attributes, String attributesJson,
                   String lastChanged, String lastUpdated, HaContext context, String json) {

    /** {@code attributes} must not be changed afterwards; callers hand over a private copy. */
    static EntityState of(String entityId, String state, ObjectNode attributes, String attributesJson,
                          String lastChanged, String lastUpdated, HaContext context) {
        StringBuilder out = new StringBuilder(160 + entityId.length() + state.length() + attributesJson.length());
        Json.appendQuoted(out.append("{\"entity_id\":"), entityId);
        Json.appendQuoted(out.append(",\"state\":"), state);
        out.append(",\"attributes\":").append(attributesJson);
        out.append(",\"last_changed\":\"").append(lastChanged);
        out.append("\",\"last_updated\":\"").append(lastUpdated);
        out.append("\",\"context\":").append(context.json()).append('}');
        return new EntityState(entityId, state, attributes, attributesJson, lastChanged, lastUpdated, context,
            out.toString());
    }

    static EntityState of(String entityId, String state, ObjectNode attributes, String lastChanged,
                          String lastUpdated, HaContext context) {
        ObjectNode copy = attributes.deepCopy();
        return of(entityId, state, copy, Json.write(copy), lastChanged, lastUpdated, context);
    }

    String domain() {
        return domainOf(entityId);
    }

    static String domainOf(String entityId) {
        int dot = entityId.indexOf('.');
        return dot < 0 ? entityId : entityId.substring(0, dot);
    }

    ObjectNode toObjectNode() {
        return (ObjectNode) Json.parseTrusted(json);
    }
}
