package io.hacamel.bridge.client;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventScan}'s fast path: reads a frame's bytes directly, without a tokenizer, and finds the same messages,
 * events and state bytes the tokens would give. What the reader does not need (attributes, contexts, results) it only
 * steps over, checking that it is JSON (strings, escapes, UTF-8 sequences, numbers, literals, nesting); names are
 * compared as bytes, never made into strings. At 6,000 events/s Jackson's tokenizer was half of the bridge's CPU
 * samples, all of them on the reader (docs/benchmarks.md). Anything it does not read itself (an escape in a name or in
 * a value it keeps, a message that is not an object, white space after the last value, deep nesting, anything that is
 * not JSON) makes it give up: {@link #messages} returns null and the frame is read by the tokenizer, which decides.
 */
final class FrameSkim {

    private static final byte[] ID = JsonCursor.ascii("id");
    private static final byte[] TYPE = JsonCursor.ascii("type");
    private static final byte[] EVENT = JsonCursor.ascii("event");
    private static final byte[] EVENT_TYPE = JsonCursor.ascii("event_type");
    private static final byte[] TIME_FIRED = JsonCursor.ascii("time_fired");
    private static final byte[] DATA = JsonCursor.ascii("data");
    private static final byte[] ENTITY_ID = JsonCursor.ascii("entity_id");
    private static final byte[] OLD_STATE = JsonCursor.ascii("old_state");
    private static final byte[] NEW_STATE = JsonCursor.ascii("new_state");
    private static final byte[] STATE = JsonCursor.ascii("state");

    private final JsonCursor json;

    private FrameSkim(byte[] bytes, int offset, int length) {
        this.json = new JsonCursor(bytes, offset, length);
    }

    /** The messages of a frame as {@link EventScan#messages} finds them, or null: read it with the tokenizer. */
    static List<EventScan.Message> messages(byte[] bytes, int offset, int length) {
        try {
            return new FrameSkim(bytes, offset, length).frame();
        } catch (JsonCursor.GiveUp | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private List<EventScan.Message> frame() throws JsonCursor.GiveUp {
        List<EventScan.Message> messages;
        if (json.peek() == '[') {
            json.next();
            messages = new ArrayList<>(16);
            if (json.peek() == ']') {
                json.next();
            } else {
                do {
                    messages.add(message());
                } while (json.separator(']'));
            }
        } else {
            messages = new ArrayList<>(1);
            messages.add(message());
        }
        if (!json.atEnd()) {
            throw JsonCursor.GiveUp.INSTANCE;
        }
        return messages;
    }

    private EventScan.Message message() throws JsonCursor.GiveUp {
        int start = json.expect('{');
        int id = -1;
        String type = null;
        boolean typeMalformed = false;
        HaEvent event = null;
        boolean unusual = false;
        if (!json.emptyObject()) {
            do {
                json.name();
                if (json.nameIs(ID)) {
                    id = json.intOrMinusOne();
                } else if (json.nameIs(TYPE)) {
                    type = json.stringOrNull(0);
                    typeMalformed = type == null;
                } else if (json.nameIs(EVENT)) {
                    boolean isObject = json.peek() == '{';
                    event = isObject ? event() : null;
                    unusual = event == null;
                    if (!isObject) {
                        json.skipValue(1);
                    }
                } else {
                    json.skipValue(1);
                }
            } while (json.separator('}'));
        }
        return new EventScan.Message(id, typeMalformed ? null : type, start, json.position(), unusual ? null : event);
    }

    private HaEvent event() throws JsonCursor.GiveUp {
        int start = json.expect('{');
        String eventType = null;
        String timeFired = null;
        EventScan.Data data = null;
        boolean usual = true;
        if (!json.emptyObject()) {
            do {
                json.name();
                if (json.nameIs(EVENT_TYPE)) {
                    eventType = json.stringOrNull(2);
                    usual &= eventType != null;
                } else if (json.nameIs(TIME_FIRED)) {
                    timeFired = json.stringOrNull(2);
                } else if (json.nameIs(DATA)) {
                    if (json.peek() == '{') {
                        data = data();
                        usual &= data != null;
                    } else {
                        usual = false;
                        json.skipValue(2);
                    }
                } else {
                    json.skipValue(2);
                }
            } while (json.separator('}'));
        }
        return usual && eventType != null
                ? EventScan.event(json.bytes(), start, json.position(), eventType, timeFired, data) : null;
    }

    private EventScan.Data data() throws JsonCursor.GiveUp {
        json.expect('{');
        EventScan.Data data = new EventScan.Data();
        boolean usual = true;
        if (!json.emptyObject()) {
            do {
                json.name();
                boolean isNew = json.nameIs(NEW_STATE);
                if (json.nameIs(ENTITY_ID)) {
                    data.entityId = json.stringOrNull(3);
                    usual &= data.entityId != null;
                } else if (isNew || json.nameIs(OLD_STATE)) {
                    if (json.peek() == '{') {
                        int start = json.position();
                        String state = stateValue();
                        data.state(isNew, start, json.position(), state);
                    } else if (!json.literal(JsonCursor.NULL)) {
                        usual = false;
                        json.skipValue(3);
                    }
                } else {
                    json.skipValue(3);
                }
            } while (json.separator('}'));
        }
        return usual ? data : null;
    }

    /** Reads a state object to its end; returns its {@code state} when that is a string, else null. */
    private String stateValue() throws JsonCursor.GiveUp {
        json.expect('{');
        String state = null;
        if (!json.emptyObject()) {
            do {
                json.name();
                if (json.nameIs(STATE) && json.peek() == '"') {
                    state = json.stringOrNull(4);
                } else {
                    json.skipValue(4);
                }
            } while (json.separator('}'));
        }
        return state;
    }
}
