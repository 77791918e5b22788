package io.hacamel.bridge.client;

import java.nio.charset.StandardCharsets;
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

    /** Thrown to give up; no stack trace, it is not an error. */
    private static final class GiveUp extends Exception {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 200;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final byte[] ID = name("id");
    private static final byte[] TYPE = name("type");
    private static final byte[] EVENT = name("event");
    private static final byte[] EVENT_TYPE = name("event_type");
    private static final byte[] TIME_FIRED = name("time_fired");
    private static final byte[] DATA = name("data");
    private static final byte[] ENTITY_ID = name("entity_id");
    private static final byte[] OLD_STATE = name("old_state");
    private static final byte[] NEW_STATE = name("new_state");
    private static final byte[] STATE = name("state");
    private static final byte[] TRUE = name("true");
    private static final byte[] FALSE = name("false");
    private static final byte[] NULL = name("null");

    private final byte[] bytes;
    private final int end;
    private int at;
    /** The name just read: {@code bytes[nameStart, nameEnd)}, without its quotes. */
    private int nameStart;
    private int nameEnd;

    private FrameSkim(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /** The messages of a frame as {@link EventScan#messages} finds them, or null: read it with the tokenizer. */
    static List<EventScan.Message> messages(byte[] bytes, int offset, int length) {
        try {
            return new FrameSkim(bytes, offset, length).frame();
        } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private List<EventScan.Message> frame() throws GiveUp {
        List<EventScan.Message> messages;
        if (peek() == '[') {
            at++;
            messages = new ArrayList<>(16);
            if (peek() == ']') {
                at++;
            } else {
                do {
                    messages.add(message());
                } while (separator(']'));
            }
        } else {
            messages = new ArrayList<>(1);
            messages.add(message());
        }
        while (at < end && isWhiteSpace(bytes[at])) {
            at++;
        }
        if (at != end) {
            throw GiveUp.INSTANCE;
        }
        return messages;
    }

    private EventScan.Message message() throws GiveUp {
        int start = expect('{');
        int id = -1;
        String type = null;
        boolean typeMalformed = false;
        HaEvent event = null;
        boolean unusual = false;
        if (!emptyObject()) {
            do {
                name();
                if (nameIs(ID)) {
                    id = intOrMinusOne();
                } else if (nameIs(TYPE)) {
                    type = stringOrNull(0);
                    typeMalformed = type == null;
                } else if (nameIs(EVENT)) {
                    boolean isObject = peek() == '{';
                    event = isObject ? event() : null;
                    unusual = event == null;
                    if (!isObject) {
                        skipValue(1);
                    }
                } else {
                    skipValue(1);
                }
            } while (separator('}'));
        }
        return new EventScan.Message(id, typeMalformed ? null : type, start, at, unusual ? null : event);
    }

    private HaEvent event() throws GiveUp {
        int start = expect('{');
        String eventType = null;
        String timeFired = null;
        EventScan.Data data = null;
        boolean usual = true;
        if (!emptyObject()) {
            do {
                name();
                if (nameIs(EVENT_TYPE)) {
                    eventType = stringOrNull(2);
                    usual &= eventType != null;
                } else if (nameIs(TIME_FIRED)) {
                    timeFired = stringOrNull(2);
                } else if (nameIs(DATA)) {
                    if (peek() == '{') {
                        data = data();
                        usual &= data != null;
                    } else {
                        usual = false;
                        skipValue(2);
                    }
                } else {
                    skipValue(2);
                }
            } while (separator('}'));
        }
        return usual && eventType != null ? EventScan.event(bytes, start, at, eventType, timeFired, data) : null;
    }

    private EventScan.Data data() throws GiveUp {
        expect('{');
        EventScan.Data data = new EventScan.Data();
        boolean usual = true;
        if (!emptyObject()) {
            do {
                name();
                boolean isNew = nameIs(NEW_STATE);
                if (nameIs(ENTITY_ID)) {
                    data.entityId = stringOrNull(3);
                    usual &= data.entityId != null;
                } else if (isNew || nameIs(OLD_STATE)) {
                    if (peek() == '{') {
                        int start = at;
                        String state = stateValue();
                        int[] range = {start, at};
                        if (isNew) {
                            data.newState = range;
                            data.newValue = state;
                        } else {
                            data.oldState = range;
                            data.oldValue = state;
                        }
                    } else if (!literal(NULL)) {
                        usual = false;
                        skipValue(3);
                    }
                } else {
                    skipValue(3);
                }
            } while (separator('}'));
        }
        return usual ? data : null;
    }

    /** Reads a state object to its end; returns its {@code state} when that is a string, else null. */
    private String stateValue() throws GiveUp {
        expect('{');
        String state = null;
        if (!emptyObject()) {
            do {
                name();
                if (nameIs(STATE) && peek() == '"') {
                    state = stringOrNull(4);
                } else {
                    skipValue(4);
                }
            } while (separator('}'));
        }
        return state;
    }

    /** A string value without escapes, or null (stepped over) for any other value; gives up on an escape. */
    private String stringOrNull(int depth) throws GiveUp {
        if (peek() != '"') {
            skipValue(depth);
            return null;
        }
        int start = at + 1;
        if (skipString()) {
            throw GiveUp.INSTANCE;
        }
        return new String(bytes, start, at - 1 - start, StandardCharsets.UTF_8);
    }

    /** An integer that fits an int, else -1 (stepped over), as the tokens' id would be. */
    private int intOrMinusOne() throws GiveUp {
        peek();
        int start = at;
        skipValue(1);
        long value = 0;
        int i = bytes[start] == '-' ? start + 1 : start;
        if (i == at || at - i > 10) {
            return -1;
        }
        for (; i < at; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value * 10 + (bytes[i] - '0');
        }
        value = bytes[start] == '-' ? -value : value;
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /** A member's name and its colon; the value is next. Gives up on a name with an escape. */
    private void name() throws GiveUp {
        if (peek() != '"') {
            throw GiveUp.INSTANCE;
        }
        nameStart = at + 1;
        if (skipString()) {
            throw GiveUp.INSTANCE;
        }
        nameEnd = at - 1;
        if (next() != ':') {
            throw GiveUp.INSTANCE;
        }
    }

    private boolean nameIs(byte[] name) {
        if (nameEnd - nameStart != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (bytes[nameStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void skipValue(int depth) throws GiveUp {
        if (depth > MAX_DEPTH) {
            throw GiveUp.INSTANCE;
        }
        byte b = peek();
        if (b == '"') {
            skipString();
        } else if (b == '{') {
            at++;
            if (!emptyObject()) {
                do {
                    name();
                    skipValue(depth + 1);
                } while (separator('}'));
            }
        } else if (b == '[') {
            at++;
            if (peek() == ']') {
                at++;
            } else {
                do {
                    skipValue(depth + 1);
                } while (separator(']'));
            }
        } else if (b == '-' || (b >= '0' && b <= '9')) {
            skipNumber();
        } else if (!literal(TRUE) && !literal(FALSE) && !literal(NULL)) {
            throw GiveUp.INSTANCE;
        }
    }

    /** Steps over a string from its opening quote; true when it has an escape. */
    private boolean skipString() throws GiveUp {
        boolean escaped = false;
        at++;
        while (true) {
            int b = raw() & 0xff;
            if (b == '"') {
                return escaped;
            } else if (b == '\\') {
                escaped = true;
                int e = raw();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(raw(), 16) < 0) {
                            throw GiveUp.INSTANCE;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw GiveUp.INSTANCE;
                }
            } else if (b < 0x20) {
                throw GiveUp.INSTANCE;
            } else if (b >= 0x80) {
                skipMultiByte(b);
            }
        }
    }

    /** The rest of a UTF-8 sequence whose first byte was {@code lead}. */
    private void skipMultiByte(int lead) throws GiveUp {
        int more = lead >= 0xf0 && lead <= 0xf4 ? 3 : lead >= 0xe0 && lead < 0xf0 ? 2 : lead >= 0xc2 && lead < 0xe0 ? 1 : -1;
        if (more < 0) {
            throw GiveUp.INSTANCE;
        }
        for (int i = 0; i < more; i++) {
            if ((raw() & 0xc0) != 0x80) {
                throw GiveUp.INSTANCE;
            }
        }
    }

    private void skipNumber() throws GiveUp {
        int start = at;
        if (bytes[at] == '-') {
            at++;
        }
        if (at < end && bytes[at] == '0') {
            at++;
        } else if (!digits()) {
            throw GiveUp.INSTANCE;
        }
        if (at < end && bytes[at] == '.') {
            at++;
            if (!digits()) {
                throw GiveUp.INSTANCE;
            }
        }
        if (at < end && (bytes[at] == 'e' || bytes[at] == 'E')) {
            at++;
            if (at < end && (bytes[at] == '+' || bytes[at] == '-')) {
                at++;
            }
            if (!digits()) {
                throw GiveUp.INSTANCE;
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw GiveUp.INSTANCE;
        }
    }

    private boolean digits() {
        int start = at;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at > start;
    }

    private boolean literal(byte[] word) throws GiveUp {
        peek();
        if (end - at < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (bytes[at + i] != word[i]) {
                return false;
            }
        }
        at += word.length;
        return true;
    }

    /** After the opening brace: true (and past it) when the object closes at once. */
    private boolean emptyObject() throws GiveUp {
        if (peek() == '}') {
            at++;
            return true;
        }
        return false;
    }

    /** After a value: true on a comma (another value follows), false on {@code close}; gives up on anything else. */
    private boolean separator(char close) throws GiveUp {
        byte b = next();
        if (b == ',') {
            return true;
        } else if (b == close) {
            return false;
        }
        throw GiveUp.INSTANCE;
    }

    private int expect(char open) throws GiveUp {
        if (peek() != open) {
            throw GiveUp.INSTANCE;
        }
        return at++;
    }

    /** The next byte that is not white space, not consumed. */
    private byte peek() throws GiveUp {
        while (at < end && isWhiteSpace(bytes[at])) {
            at++;
        }
        if (at >= end) {
            throw GiveUp.INSTANCE;
        }
        return bytes[at];
    }

    /** The next byte that is not white space, consumed. */
    private byte next() throws GiveUp {
        byte b = peek();
        at++;
        return b;
    }

    /** The next byte as it is (inside a string), consumed. */
    private byte raw() throws GiveUp {
        if (at >= end) {
            throw GiveUp.INSTANCE;
        }
        return bytes[at++];
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
