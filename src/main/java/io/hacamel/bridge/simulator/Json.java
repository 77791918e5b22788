package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the simulator plus the string helpers the hand-built frames need. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses client input; throws {@link JsonProcessingException} so callers can treat it as a protocol error. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static JsonNode parseTrusted(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code value} as a JSON string literal; non-ASCII stays raw, as Home Assistant's orjson writes it. */
    static StringBuilder appendQuoted(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        return out.append('"');
    }

    /**
     * JSON text as Python's {@code json.dumps} writes it with {@code ensure_ascii}: every character from DEL up as a
     * {@code \\u} escape with lower-case hex (astral ones as their surrogate pair), as are escapes already there.
     */
    static String asciiOnly(CharSequence json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                char escape = json.charAt(++i);
                out.append('\\').append(escape);
                if (escape == 'u') {
                    out.append(json.subSequence(i + 1, i + 5).toString().toLowerCase());
                    i += 4;
                }
            } else if (c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String quoted(String value) {
        return appendQuoted(new StringBuilder(value == null ? 4 : value.length() + 2), value).toString();
    }
}
