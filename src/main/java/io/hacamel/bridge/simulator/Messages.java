package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** The websocket API's frames, written by hand in Home Assistant's key order. */
final class Messages {

    private Messages() {
    }

    static String authRequired(String haVersion) {
        return "{\"type\":\"auth_required\",\"ha_version\":" + Json.quoted(haVersion) + "}";
    }

    static String authOk(String haVersion) {
        return "{\"type\":\"auth_ok\",\"ha_version\":" + Json.quoted(haVersion) + "}";
    }

    static String authInvalid(String message) {
        return "{\"type\":\"auth_invalid\",\"message\":" + Json.quoted(message) + "}";
    }

    /** A success result; {@code resultJson} is already JSON ("null" for none). */
    static String result(long id, String resultJson) {
        return "{\"id\":" + id + ",\"type\":\"result\",\"success\":true,\"result\":" + resultJson + "}";
    }

    static String error(long id, String code, String message) {
        return error(Long.toString(id), code, message, null);
    }

    /**
     * An error result. {@code idJson} is the id as the client sent it (it may be invalid); a translation key, when
     * given, comes with Home Assistant's placeholders and domain for the return_response errors.
     */
    static String error(String idJson, String code, String message, String translationKey) {
        StringBuilder out = new StringBuilder(96 + message.length());
        out.append("{\"id\":").append(idJson).append(",\"type\":\"result\",\"success\":false,\"error\":{\"code\":");
        Json.appendQuoted(out, code);
        Json.appendQuoted(out.append(",\"message\":"), message);
        if (translationKey != null) {
            Json.appendQuoted(out.append(",\"translation_key\":"), translationKey);
            out.append(",\"translation_placeholders\":{\"return_response\":\"return_response=True\"}");
            out.append(",\"translation_domain\":\"homeassistant\"");
        }
        return out.append("}}").toString();
    }

    static String idJson(JsonNode id) {
        return id == null || id.isMissingNode() ? "null" : Json.write(id);
    }

    static String pong(long id) {
        return "{\"id\":" + id + ",\"type\":\"pong\"}";
    }

    /** An event frame around an event object serialised once for every connection. */
    static String event(long subscriptionId, String eventJson) {
        return new StringBuilder(eventJson.length() + 40).append("{\"id\":").append(subscriptionId)
            .append(",\"type\":\"event\",\"event\":").append(eventJson).append('}').toString();
    }
}
