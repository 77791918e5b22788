package io.hacamel.bridge.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An entity's state object kept as its compact JSON bytes. The bridge keeps the latest state of every entity in the
 * session's mirror, the state cache, the hub and the MQTT statestream, all sharing one instance per change: as a
 * Jackson tree a state of about 0.5 KB of JSON took about 2.5 KB of heap in some 25 objects, which every young
 * collection had to copy; as bytes it takes one array. Trees are made again only where a state is looked into.
 */
public final class CompactState {

    /** Plain JSON, no settings: the bytes must read back as the same tree. */
    private static final JsonMapper JSON = new JsonMapper();

    private final String entityId;
    private final byte[] json;

    private CompactState(String entityId, byte[] json) {
        this.entityId = entityId;
        this.json = json;
    }

    /** The state object's bytes; null for null or anything but an object. */
    public static CompactState of(JsonNode state) {
        if (state == null || !state.isObject()) {
            return null;
        }
        try {
            return new CompactState(state.path("entity_id").asText(null), JSON.writeValueAsBytes(state));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree always serialises
        }
    }

    /** A state's compact JSON object as Home Assistant wrote it (see {@link StateSlices}); not copied. */
    static CompactState of(String entityId, byte[] json) {
        return new CompactState(entityId, json);
    }

    /** The state's {@code entity_id}, or null when it has none. */
    public String entityId() {
        return entityId;
    }

    /** The JSON object, compact (no white space, so it ends with its closing brace); never to be modified. */
    public byte[] json() {
        return json;
    }

    /** What the MQTT statestream publishes of the state, read from its bytes; null when it is unusual. */
    public StateFields fields() {
        return StateFields.read(json);
    }

    /** A new tree of the state, for code that looks into it. */
    public JsonNode tree() {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written by of(), so always JSON
        }
    }

    /** The same bytes: the same state, written the same way. */
    public boolean sameJson(CompactState other) {
        return other != null && Arrays.equals(json, other.json);
    }

    @Override
    public String toString() {
        return entityId + " (" + json.length + " bytes of JSON)";
    }
}
