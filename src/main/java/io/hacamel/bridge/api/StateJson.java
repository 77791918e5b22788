package io.hacamel.bridge.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes Home Assistant state objects as the API returns them: unchanged, plus {@code source} ({@code cache} or
 * {@code home_assistant}), {@code stale} and, when stale, {@code age_seconds}. Streams, so a list of 10,000 states is
 * not copied first.
 */
final class StateJson {

    private final ObjectMapper mapper;

    StateJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] one(JsonNode state, String source, boolean stale, long ageSeconds) {
        return write(generator -> writeState(generator, state, source, stale, ageSeconds));
    }

    byte[] many(Collection<JsonNode> states, String source, boolean stale, long ageSeconds) {
        return write(generator -> {
            generator.writeStartArray();
            for (JsonNode state : states) {
                writeState(generator, state, source, stale, ageSeconds);
            }
            generator.writeEndArray();
        });
    }

    private void writeState(JsonGenerator generator, JsonNode state, String source, boolean stale, long ageSeconds)
            throws IOException {
        generator.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = state.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            generator.writeFieldName(field.getKey());
            generator.writeTree(field.getValue());
        }
        generator.writeStringField("source", source);
        generator.writeBooleanField("stale", stale);
        if (stale && ageSeconds >= 0) {
            generator.writeNumberField("age_seconds", ageSeconds);
        }
        generator.writeEndObject();
    }

    private interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.setCodec(mapper);
            body.writeTo(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
