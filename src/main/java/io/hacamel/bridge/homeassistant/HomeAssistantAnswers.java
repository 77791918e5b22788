package io.hacamel.bridge.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.client.HaException;
import org.apache.camel.Message;

/** Writes Home Assistant's answer to each producer operation into the message; one small method per kind of answer. */
final class HomeAssistantAnswers {

    private HomeAssistantAnswers() {
    }

    /** A command's result as the body, and the context id a service call or fired event ran in. */
    static void result(Message message, JsonNode result) {
        message.setBody(result);
        JsonNode contextId = result == null ? null : result.path("context").get("id");
        if (contextId != null && contextId.isTextual()) {
            message.setHeader(HomeAssistantConstants.CONTEXT_ID, contextId.asText());
        }
    }

    /** get-state: the state as the body, its entity, domain and state string as headers. */
    static void state(Message message, String entityId, JsonNode state) {
        if (state == null) {
            // Home Assistant's own words for it (REST: 404 {"message": "Entity not found."})
            throw HaException.fromHomeAssistant("not_found", "Entity not found: " + entityId);
        }
        message.setBody(state);
        message.setHeader(HomeAssistantConstants.ENTITY_ID, entityId);
        message.setHeader(HomeAssistantConstants.DOMAIN, entityId.substring(0, entityId.indexOf('.')));
        message.setHeader(HomeAssistantConstants.STATE, state.path("state").asText());
    }

    /**
     * render-template: the first event's result as Home Assistant typed it. Text, numbers, booleans and null become
     * Java's String, Integer/Long/Double, Boolean and null, so that {@code ${body} > 20} works; lists and
     * dictionaries stay JsonNodes.
     */
    static void rendered(Message message, JsonNode event) {
        JsonNode result = event.path("result");
        Object body;
        if (result.isTextual()) {
            body = result.asText();
        } else if (result.isNumber()) {
            body = result.numberValue();
        } else if (result.isBoolean()) {
            body = result.asBoolean();
        } else if (result.isNull() || result.isMissingNode()) {
            body = null;
        } else {
            body = result;
        }
        message.setBody(body);
    }
}
