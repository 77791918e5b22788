package io.hacamel.bridge.client;

/**
 * What the MQTT statestream publishes of a state, read from its compact bytes without a tree or Jackson's tokens:
 * the {@code state} string, the two timestamps and where the {@code attributes} object lies in the bytes. Read twice
 * per change (the state before and after), it was half of the publishing thread's work with the tokens.
 *
 * @param state          the {@code state} string, "" when there is none
 * @param lastChanged    {@code last_changed} when it is a string, else null
 * @param lastUpdated    {@code last_updated} when it is a string, else null
 * @param attributesFrom where the {@code attributes} object starts in {@link CompactState#json()}, -1 when the state
 *                       has no attributes object
 * @param attributesTo   where it ends (exclusive)
 */
public record StateFields(String state, String lastChanged, String lastUpdated, int attributesFrom,
        int attributesTo) {

    private static final byte[] STATE = JsonCursor.ascii("state");
    private static final byte[] LAST_CHANGED = JsonCursor.ascii("last_changed");
    private static final byte[] LAST_UPDATED = JsonCursor.ascii("last_updated");
    private static final byte[] ATTRIBUTES = JsonCursor.ascii("attributes");

    /**
     * The fields of a state object's bytes, or null for anything unusual (a state that is not a string, an escape in
     * a name or in a string read, bytes that are not JSON): the caller then reads the state's tree.
     */
    static StateFields read(byte[] json) {
        JsonCursor cursor = new JsonCursor(json, 0, json.length);
        try {
            String state = "";
            String lastChanged = null;
            String lastUpdated = null;
            int attributesFrom = -1;
            int attributesTo = -1;
            cursor.expect('{');
            if (!cursor.emptyObject()) {
                do {
                    cursor.name();
                    if (cursor.nameIs(STATE)) {
                        state = cursor.stringOrNull(1);
                        if (state == null) {
                            return null;
                        }
                    } else if (cursor.nameIs(LAST_CHANGED)) {
                        lastChanged = cursor.stringOrNull(1);
                    } else if (cursor.nameIs(LAST_UPDATED)) {
                        lastUpdated = cursor.stringOrNull(1);
                    } else if (cursor.nameIs(ATTRIBUTES)) {
                        boolean object = cursor.peek() == '{';
                        int from = cursor.position();
                        cursor.skipValue(1);
                        attributesFrom = object ? from : -1;
                        attributesTo = object ? cursor.position() : -1;
                    } else {
                        cursor.skipValue(1);
                    }
                } while (cursor.separator('}'));
            }
            return cursor.atEnd() ? new StateFields(state, lastChanged, lastUpdated, attributesFrom, attributesTo)
                    : null;
        } catch (JsonCursor.GiveUp | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }
}
