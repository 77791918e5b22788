package io.hacamel.bridge.simulator;

/** A Home Assistant context: what caused a change, and on whose behalf. */
record HaContext(String id, String parentId, String userId) {

    /** The user id Home Assistant reports for the owner of the simulator's long-lived token. */
    static final String OWNER_USER_ID = "e20b2479a4d643eb904c2a030f809abf";

    static HaContext system() {
        return new HaContext(Ulid.next(), null, null);
    }

    static HaContext ofOwner() {
        return new HaContext(Ulid.next(), null, OWNER_USER_ID);
    }

    String json() {
        StringBuilder out = new StringBuilder(96);
        Json.appendQuoted(out.append("{\"id\":"), id);
        Json.appendQuoted(out.append(",\"parent_id\":"), parentId);
        Json.appendQuoted(out.append(",\"user_id\":"), userId);
        return out.append('}').toString();
    }
}
