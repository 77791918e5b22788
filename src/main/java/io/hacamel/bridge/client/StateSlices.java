package io.hacamel.bridge.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * The states of a {@code get_states} result as the bytes Home Assistant wrote for each (compact JSON), cut from the
 * frame that brought them. A resync keeps these as its {@link CompactState}s instead of writing 10,000 parsed trees
 * back to bytes, which was two fifths of the reader's work at a start. Reading the frame's tokens once more costs far
 * less than writing it.
 */
final class StateSlices {

    private static final JsonFactory JSON = new JsonFactory();

    private StateSlices() {
    }

    /**
     * The bytes of each element of the result of request {@code id}, in order, from a frame holding that message
     * alone or in an array of messages; null when the frame has no such result or it is not an array of objects.
     */
    static List<byte[]> of(Buffer frame, int id) {
        ByteBuf buffer = frame.getByteBuf();
        byte[] bytes = buffer.hasArray() ? buffer.array() : frame.getBytes();
        int base = buffer.hasArray() ? buffer.arrayOffset() + buffer.readerIndex() : 0;
        try (JsonParser parser = JSON.createParser(bytes, base, frame.length())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return result(parser, id, bytes, base);
            }
            while (first == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.START_OBJECT) {
                List<byte[]> slices = result(parser, id, bytes, base);
                if (slices != null) {
                    return slices;
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the frame was parsed already; a surprise here only means no slices
        }
    }

    /** Reads one message from its opening brace to its closing one. */
    private static List<byte[]> result(JsonParser parser, int id, byte[] bytes, int base) throws IOException {
        Boolean requested = null; // not known until its "id", which Home Assistant writes first
        List<byte[]> slices = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("id".equals(name)) {
                requested = value == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() == id;
            } else if ("result".equals(name) && value == JsonToken.START_ARRAY && !Boolean.FALSE.equals(requested)) {
                slices = elements(parser, bytes, base);
            } else {
                parser.skipChildren();
            }
        }
        return Boolean.TRUE.equals(requested) ? slices : null;
    }

    private static List<byte[]> elements(JsonParser parser, byte[] bytes, int base) throws IOException {
        List<byte[]> slices = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            int start = base + (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            slices.add(Arrays.copyOfRange(bytes, start, base + (int) parser.currentLocation().getByteOffset()));
        }
        if (token == JsonToken.END_ARRAY) {
            return slices;
        }
        while (token != JsonToken.END_ARRAY && token != null) { // not an array of objects: skip the rest of it
            parser.skipChildren();
            token = parser.nextToken();
        }
        return null;
    }
}
