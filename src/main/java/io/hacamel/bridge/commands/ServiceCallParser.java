package io.hacamel.bridge.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.api.ApiException;
import io.hacamel.bridge.support.InvalidInputException;
import io.hacamel.bridge.support.JsonInput;

/**
 * Checks a service call before anything of it reaches Home Assistant: the domain and service (they become part of a
 * REST URL, so only {@code [a-z0-9_]} passes), the body's size, syntax and fields, and every entity id in it. Strict
 * like Home Assistant's own schema: an unknown field is an error, not silently dropped.
 */
public final class ServiceCallParser {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9_]+$");
    static final Pattern ENTITY_ID = Pattern.compile("^[a-z0-9_]+\\.[a-z0-9_]+$");
    /** Device, area, floor and label ids: Home Assistant's are hex strings or slugs. */
    private static final Pattern REGISTRY_ID = Pattern.compile("^[A-Za-z0-9_-]+$");
    private static final Set<String> FIELDS = Set.of("service_data", "target", "return_response", "correlation_id");
    private static final Set<String> TARGET_FIELDS = Set.of("entity_id", "device_id", "area_id", "floor_id",
            "label_id");
    /** Home Assistant's entity_id keywords: every entity of the service's domain, or none. */
    private static final Set<String> ENTITY_KEYWORDS = Set.of("all", "none");
    private static final int MAX_CORRELATION_ID = 256;

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body read, and so the longest string in it ({@link JsonInput}) */
    public ServiceCallParser(int maxBodyBytes) {
        this.mapper = JsonInput.mapper(maxBodyBytes);
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param body JSON as bytes or text, a Map or a JsonNode; null or empty for a call without data
     * @throws InvalidInputException naming the offending field
     * @throws ApiException          413 for a body over the size limit
     */
    public ServiceCallRequest parse(String domain, String service, Object body) {
        String checkedDomain = slug("domain", domain);
        String checkedService = slug("service", service);
        JsonNode root = bodyAsObject(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(printable(name), "unknown field; a service call takes "
                        + "service_data, target, return_response and correlation_id");
            }
        }
        ObjectNode serviceData = object("service_data", root.get("service_data"));
        if (serviceData != null && serviceData.has("entity_id")) {
            entityIds("service_data.entity_id", serviceData.get("entity_id"));
        }
        return new ServiceCallRequest(checkedDomain, checkedService, serviceData, target(root.get("target")),
                returnResponse(root.get("return_response")), correlationId(root.get("correlation_id")));
    }

    /**
     * The body's correlation_id when it can be read, else null; never fails. A refused call is still answered with
     * its correlation id, so that an MQTT client can tell which of its commands was refused.
     */
    public JsonNode correlationIdOf(Object body) {
        try {
            return correlationId(bodyAsObject(body).get("correlation_id"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private JsonNode bodyAsObject(Object body) {
        JsonNode node;
        if (body instanceof JsonNode json) {
            node = json;
        } else if (body instanceof Map<?, ?> map) {
            node = mapper.valueToTree(map);
        } else {
            node = readJson(body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : (byte[]) body);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidInputException("body", "the body must be a JSON object");
        }
        return node;
    }

    private JsonNode readJson(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes.length > maxBodyBytes) {
            throw new ApiException(413, "the body is larger than " + maxBodyBytes + " bytes",
                    Map.of("field", "body"));
        }
        try {
            return reader.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "the body is " + JsonInput.problem(e));
        } catch (IOException e) {
            throw new InvalidInputException("body", "the body could not be read: " + e.getMessage());
        }
    }

    private static String slug(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " must be lower-case letters, digits and _ (^[a-z0-9_]+$)");
        }
        return value;
    }

    private static ObjectNode object(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidInputException(field, field + " must be a JSON object");
        }
        return (ObjectNode) value;
    }

    private static ObjectNode target(JsonNode value) {
        ObjectNode target = object("target", value);
        if (target == null) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = target.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!TARGET_FIELDS.contains(name)) {
                throw new InvalidInputException("target." + printable(name), "unknown target field; a target takes "
                        + "entity_id, device_id, area_id, floor_id and label_id");
            }
            if (name.equals("entity_id")) {
                entityIds("target.entity_id", field.getValue());
            } else {
                ids("target." + name, field.getValue(), REGISTRY_ID, "letters, digits, _ and -");
            }
        }
        return target;
    }

    /** One id or a list of them; Home Assistant also takes one string of comma-separated entity ids. */
    private static void entityIds(String field, JsonNode value) {
        if (value.isTextual() && ENTITY_KEYWORDS.contains(value.asText())) {
            return;
        }
        if (value.isTextual()) {
            for (String part : value.asText().split(",", -1)) {
                checkEntityId(field, part.trim());
            }
            return;
        }
        ids(field, value, ENTITY_ID, "domain.object_id in lower-case letters, digits and _");
    }

    private static void checkEntityId(String field, String entityId) {
        if (!ENTITY_ID.matcher(entityId).matches()) {
            throw new InvalidInputException(field, field + " must hold entity ids like light.kitchen "
                    + "(domain.object_id in lower-case letters, digits and _)");
        }
    }

    private static void ids(String field, JsonNode value, Pattern pattern, String rule) {
        if (value.isTextual()) {
            if (!pattern.matcher(value.asText()).matches()) {
                throw new InvalidInputException(field, field + " must be " + rule);
            }
            return;
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidInputException(field, field + " must be a string or a non-empty list of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || !pattern.matcher(item.asText()).matches()) {
                throw new InvalidInputException(field, field + " must hold strings of " + rule);
            }
        }
    }

    private static boolean returnResponse(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException("return_response", "return_response must be true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode correlationId(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() || value.isTextual() && value.asText().length() <= MAX_CORRELATION_ID) {
            return value;
        }
        throw new InvalidInputException("correlation_id", "correlation_id must be a number or a string of at most "
                + MAX_CORRELATION_ID + " characters");
    }

    /** A field name from the caller, safe to show and log: printable, short. */
    private static String printable(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
