package io.hacamel.bridge.client;

import java.nio.charset.StandardCharsets;

/**
 * {@link FrameSkim}'s steps through JSON bytes: names compared as bytes, strings without escapes read, every other
 * value stepped over and checked to be JSON (strings, escapes, UTF-8 sequences, numbers, literals, nesting). Anything
 * it does not handle itself throws {@link GiveUp}: the frame is then read by Jackson's tokens, which decide.
 */
final class JsonCursor {

    /** Thrown to give up; no stack trace, it is not an error. */
    static final class GiveUp extends Exception {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    static final byte[] NULL = ascii("null");
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final byte[] bytes;
    private final int end;
    private int at;
    /** The name just read: {@code bytes[nameStart, nameEnd)}, without its quotes. */
    private int nameStart;
    private int nameEnd;

    JsonCursor(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /** Where the cursor is: the index in the array of the next byte. */
    int position() {
        return at;
    }

    byte[] bytes() {
        return bytes;
    }

    /** True when nothing but white space is left. */
    boolean atEnd() {
        while (at < end && isWhiteSpace(bytes[at])) {
            at++;
        }
        return at == end;
    }

    /** A string value without escapes, or null (stepped over) for any other value; gives up on an escape. */
    String stringOrNull(int depth) throws GiveUp {
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
    int intOrMinusOne() throws GiveUp {
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
    void name() throws GiveUp {
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

    boolean nameIs(byte[] name) {
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

    void skipValue(int depth) throws GiveUp {
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

    boolean literal(byte[] word) throws GiveUp {
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
    boolean emptyObject() throws GiveUp {
        if (peek() == '}') {
            at++;
            return true;
        }
        return false;
    }

    /** After a value: true on a comma (another value follows), false on {@code close}; gives up on anything else. */
    boolean separator(char close) throws GiveUp {
        byte b = next();
        if (b == ',') {
            return true;
        } else if (b == close) {
            return false;
        }
        throw GiveUp.INSTANCE;
    }

    int expect(char open) throws GiveUp {
        if (peek() != open) {
            throw GiveUp.INSTANCE;
        }
        return at++;
    }

    /** The next byte that is not white space, not consumed. */
    byte peek() throws GiveUp {
        while (at < end && isWhiteSpace(bytes[at])) {
            at++;
        }
        if (at >= end) {
            throw GiveUp.INSTANCE;
        }
        return bytes[at];
    }

    /** The next byte that is not white space, consumed. */
    byte next() throws GiveUp {
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

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
