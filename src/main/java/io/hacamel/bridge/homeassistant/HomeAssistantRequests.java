package io.hacamel.bridge.homeassistant;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.HaMessages;
import io.hacamel.bridge.support.InvalidInputException;
import org.apache.camel.Message;

/** Builds the WebSocket message for each producer operation from a message; one small method per operation. */
final class HomeAssistantRequests {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9_]+$");
    /** Home Assistant's valid_entity_id: two slugs joined by a dot. */
    static final Pattern ENTITY_ID = Pattern.compile("^[a-z0-9_]+\\.[a-z0-9_]+$");

    private HomeAssistantRequests() {
    }

    /** The message of an operation whose answer is the command's result. */
    static ObjectNode build(HomeAssistantEndpoint endpoint, Message message, ObjectMapper mapper) {
        return switch (endpoint.getOperation()) {
            case CALL_SERVICE -> callService(message, mapper);
            case GET_STATES -> HaMessages.getStates();
            case GET_SERVICES -> HaMessages.getServices();
            case GET_CONFIG -> HaMessages.getConfig();
            case FIRE_EVENT -> fireEvent(message, endpoint.getEventType(), mapper);
            case RENDER_TEMPLATE -> renderTemplate(message, mapper);
            case COMMAND -> command(message, mapper);
            case GET_STATE, EVENTS, TRIGGER -> throw new IllegalStateException(endpoint.getOperation().path()
                    + " sends no command of its own");
        };
    }

    /** The entity of get-state: the endpoint's entityId, else the entity id header. */
    static String entityId(Message message, String option) {
        String entityId = option != null ? option : message.getHeader(HomeAssistantConstants.ENTITY_ID, String.class);
        if (entityId == null || entityId.isBlank()) {
            throw new InvalidInputException("entity_id", "get-state needs an entity (the entityId option or the "
                    + HomeAssistantConstants.ENTITY_ID + " header)");
        }
        if (!ENTITY_ID.matcher(entityId).matches()) {
            throw new InvalidInputException("entity_id", "entity_id must be domain.object_id in lower case, e.g. "
                    + "light.kitchen");
        }
        return entityId;
    }

    /**
     * fire_event: the endpoint's eventType, else the event type header; the body (JSON text, a Map or a JsonNode, or
     * none) is the event's data.
     */
    static ObjectNode fireEvent(Message message, String option, ObjectMapper mapper) {
        String eventType = option != null ? option : message.getHeader(HomeAssistantConstants.EVENT_TYPE, String.class);
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidInputException("event_type", "fire-event needs an event type (the eventType option or "
                    + "the " + HomeAssistantConstants.EVENT_TYPE + " header)");
        }
        ObjectNode command = HaMessages.command("fire_event").put("event_type", eventType);
        JsonNode data = bodyAsObject(message, mapper);
        if (!data.isEmpty()) {
            command.set("event_data", data);
        }
        return command;
    }

    /**
     * render_template: a text body is the template; a Map or JsonNode body holds {@code template} and optionally
     * {@code variables}, {@code strict} and {@code timeout}, as Home Assistant takes them.
     */
    static ObjectNode renderTemplate(Message message, ObjectMapper mapper) {
        Object body = message.getBody();
        ObjectNode command = HaMessages.command("render_template");
        if (body instanceof JsonNode json && json.isTextual()) {
            command.put("template", json.asText());
        } else if (body instanceof Map<?, ?> || body instanceof JsonNode) {
            JsonNode fields = bodyAsObject(message, mapper);
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("type") && !field.getKey().equals("id")) {
                    command.set(field.getKey(), field.getValue());
                }
            }
        } else {
            command.put("template", message.getBody(String.class));
        }
        if (!command.path("template").isTextual() || command.get("template").asText().isBlank()) {
            throw new InvalidInputException("template", "render-template needs a template: the body as text, or a "
                    + "template field");
        }
        objectOrNull("variables", command.get("variables"));
        return command;
    }

    /**
     * Body: {@code {"domain","service","service_data","target","return_response"}} as JSON text, a Map or a JsonNode;
     * the domain, service and return_response headers take precedence over the body.
     */
    static ObjectNode callService(Message message, ObjectMapper mapper) {
        JsonNode body = bodyAsObject(message, mapper);
        String domain = slug("domain", message.getHeader(HomeAssistantConstants.DOMAIN, String.class), body);
        String service = slug("service", message.getHeader(HomeAssistantConstants.SERVICE, String.class), body);
        JsonNode serviceData = objectOrNull("service_data", body.get("service_data"));
        JsonNode target = objectOrNull("target", body.get("target"));
        Boolean returnResponse = message.getHeader(HomeAssistantConstants.RETURN_RESPONSE, Boolean.class);
        if (returnResponse == null) {
            JsonNode field = body.get("return_response");
            if (field != null && !field.isNull() && !field.isBoolean()) {
                throw new InvalidInputException("return_response", "return_response must be true or false");
            }
            returnResponse = field != null && field.asBoolean(false);
        }
        return HaMessages.callService(domain, service, serviceData, target, returnResponse);
    }

    /** Body: the command's fields, e.g. {@code {"type":"config/area_registry/list"}}; the type header wins. */
    static ObjectNode command(Message message, ObjectMapper mapper) {
        JsonNode body = bodyAsObject(message, mapper);
        String type = message.getHeader(HomeAssistantConstants.COMMAND_TYPE, String.class);
        if (type == null) {
            type = body.path("type").asText(null);
        }
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type", "a command needs a type (header "
                    + HomeAssistantConstants.COMMAND_TYPE + " or a type field)");
        }
        ObjectNode command = HaMessages.command(type);
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("type") && !field.getKey().equals("id")) {
                command.set(field.getKey(), field.getValue());
            }
        }
        return command;
    }

    private static JsonNode bodyAsObject(Message message, ObjectMapper mapper) {
        Object body = message.getBody();
        JsonNode node;
        try {
            if (body == null) {
                return mapper.createObjectNode();
            } else if (body instanceof JsonNode json) {
                node = json;
            } else if (body instanceof Map<?, ?> map) {
                node = mapper.valueToTree(map);
            } else {
                node = mapper.readTree(message.getBody(String.class));
            }
        } catch (Exception e) {
            throw new InvalidInputException("body", "the body is not valid JSON: " + e.getMessage());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidInputException("body", "the body must be a JSON object");
        }
        return node;
    }

    private static String slug(String field, String header, JsonNode body) {
        String value = header != null ? header : body.path(field).isTextual() ? body.get(field).asText() : null;
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " must match " + SLUG.pattern());
        }
        return value;
    }

    private static JsonNode objectOrNull(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidInputException(field, field + " must be a JSON object");
        }
        return value;
    }
}
