package io.hacamel.bridge.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a frame from Home Assistant as tokens, without building trees: for each message its {@code id} and
 * {@code type} and where its bytes are; for an event of the usual shape (a {@code state_changed} or any other event
 * whose states are objects or null) its type, entity, time and the bytes of its states, which become the state the
 * bridge keeps as Home Assistant wrote it ({@link CompactState}). The reader keeps up with Home Assistant on this
 * alone; a tree is made only for what someone looks into (a result, an event a route reads), and never for a change
 * merged into a newer one. Messages of any other shape are read as trees, as before.
 */
final class EventScan {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One message of a frame: bytes {@code [start, end)} of the frame; {@code event} when it is an event of the usual
     * shape, else null (read it as a tree). {@code type} null when the message is not an object with a textual type.
     */
    record Message(int id, String type, int start, int end, HaEvent event) {
    }

    private EventScan() {
    }

    /** The messages of a frame (one object, or an array of them); throws when the frame is not JSON. */
    static List<Message> messages(byte[] bytes, int offset, int length) throws IOException {
        List<Message> skimmed = FrameSkim.messages(bytes, offset, length);
        return skimmed != null ? skimmed : byTokens(bytes, offset, length);
    }

    /** The same, from Jackson's tokens: for what {@link FrameSkim} leaves (and for tests that compare the two). */
    static List<Message> byTokens(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            List<Message> messages = new ArrayList<>(first == JsonToken.START_ARRAY ? 16 : 1);
            if (first == JsonToken.START_ARRAY) {
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new IOException("the array frame ends early");
                    }
                    messages.add(message(parser, bytes, offset));
                }
            } else if (first == JsonToken.START_OBJECT) {
                messages.add(message(parser, bytes, offset));
            } else {
                return null;
            }
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value in the frame");
            }
            return messages;
        }
    }

    /** The message whose first token the parser is on. */
    private static Message message(JsonParser parser, byte[] bytes, int offset) throws IOException {
        int start = position(parser.currentTokenLocation().getByteOffset(), offset);
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new Message(-1, null, start, position(parser.currentLocation().getByteOffset(), offset), null);
        }
        int id = -1;
        String type = null;
        boolean typeMalformed = false;
        HaEvent event = null;
        boolean unusual = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> id = value == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : -1;
                case "type" -> {
                    type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    typeMalformed = type == null;
                }
                case "event" -> {
                    event = value == JsonToken.START_OBJECT ? event(parser, bytes, offset) : null;
                    unusual = event == null;
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        int end = position(parser.currentLocation().getByteOffset(), offset);
        return new Message(id, typeMalformed ? null : type, start, end, unusual ? null : event);
    }

    /** An event object of the usual shape, or null (its tokens read to its end either way). */
    private static HaEvent event(JsonParser parser, byte[] bytes, int offset) throws IOException {
        int start = position(parser.currentTokenLocation().getByteOffset(), offset);
        String eventType = null;
        String timeFired = null;
        Data data = null;
        boolean usual = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "event_type" -> {
                    eventType = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    usual &= eventType != null;
                }
                case "time_fired" -> timeFired = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "data" -> {
                    if (value == JsonToken.START_OBJECT) {
                        data = data(parser, bytes, offset);
                        usual &= data != null;
                    } else {
                        usual = false;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        int end = position(parser.currentLocation().getByteOffset(), offset);
        return usual && eventType != null ? event(bytes, start, end, eventType, timeFired, data) : null;
    }

    /** The event whose object is bytes {@code [start, end)}, of the usual shape, as read. */
    static HaEvent event(byte[] bytes, int start, int end, String eventType, String timeFired, Data data) {
        byte[] event = Arrays.copyOfRange(bytes, start, end);
        if (data == null) {
            return HaEvent.scanned(eventType, null, null, null, null, null, timeFired, event);
        }
        CompactState newState = data.newState == null ? null
                : CompactState.of(data.entityId, Arrays.copyOfRange(bytes, data.newState[0], data.newState[1]));
        byte[] oldState = data.oldState == null ? null : Arrays.copyOfRange(bytes, data.oldState[0], data.oldState[1]);
        return HaEvent.scanned(eventType, data.entityId, oldState, data.oldValue, newState, data.newValue, timeFired,
                event);
    }

    /** What an event's data says; null when it is not of the usual shape. */
    static final class Data {
        String entityId;
        int[] oldState;
        int[] newState;
        String oldValue;
        String newValue;

        /** The bytes {@code [start, end)} and {@code state} string of the new state, or of the old one. */
        void state(boolean isNew, int start, int end, String value) {
            if (isNew) {
                newState = new int[] {start, end};
                newValue = value;
            } else {
                oldState = new int[] {start, end};
                oldValue = value;
            }
        }
    }

    private static Data data(JsonParser parser, byte[] bytes, int offset) throws IOException {
        Data data = new Data();
        boolean usual = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "entity_id" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        data.entityId = parser.getText();
                    } else {
                        usual = false;
                        parser.skipChildren();
                    }
                }
                case "old_state", "new_state" -> {
                    boolean isNew = name.equals("new_state");
                    if (value == JsonToken.START_OBJECT) {
                        int start = position(parser.currentTokenLocation().getByteOffset(), offset);
                        String state = stateValue(parser);
                        data.state(isNew, start, position(parser.currentLocation().getByteOffset(), offset), state);
                    } else if (value != JsonToken.VALUE_NULL) {
                        usual = false;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return usual ? data : null;
    }

    /** Reads a state object to its end; returns its {@code state} when that is a string, else null. */
    private static String stateValue(JsonParser parser) throws IOException {
        String state = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && "state".equals(name)) {
                state = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return state;
    }

    /** The parser counts from the start of the range it was given; positions here are in the array. */
    private static int position(long byteOffset, int offset) {
        return offset + (int) byteOffset;
    }
}
