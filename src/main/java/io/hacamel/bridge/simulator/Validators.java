package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The voluptuous and config_validation validators the simulated commands and services use, with their messages. */
final class Validators {

    static final Schema.Validator ANY = (value, path) -> List.of();
    static final Schema.Validator STR = type(JsonNode::isTextual, "expected str");
    static final Schema.Validator BOOL = type(JsonNode::isBoolean, "expected bool");
    static final Schema.Validator DICT = type(JsonNode::isObject, "expected dict");
    /** {@code cv.positive_int}: {@code vol.All(vol.Coerce(int), vol.Range(min=0))}. */
    static final Schema.Validator POSITIVE_INT = coerceInt(0, null, false);

    /** {@code cv.ENTITY_SERVICE_FIELDS}: where a service call may point its target. */
    static final Schema TARGET = Schema.strict()
        .optional("entity_id", entityIds())
        .optional("device_id", stringOrList())
        .optional("area_id", stringOrList());

    private static final Pattern FAKE_UUID_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern ENTITY_ID =
        Pattern.compile("^(?!.+__)(?!_)[\\da-z_]+(?<!_)\\.(?!_)[\\da-z_]+(?<!_)$");

    private Validators() {
    }

    static boolean isEntityId(String value) {
        return ENTITY_ID.matcher(value).matches();
    }

    private static Schema.Validator type(java.util.function.Predicate<JsonNode> accepts, String message) {
        return (value, path) -> accepts.test(value) ? List.of() : List.of(Invalid.at(path, message));
    }

    /** {@code vol.All(vol.Coerce(int), vol.Range(...))} or, when {@code clamp}, {@code vol.Clamp(...)}. */
    static Schema.Validator coerceInt(Integer min, Integer max, boolean clamp) {
        return (value, path) -> {
            BigDecimal number = coerce(value, true);
            if (number == null) {
                return List.of(Invalid.at(path, "expected int"));
            }
            return clamp ? List.of() : range(number, min, max, path);
        };
    }

    /** {@code vol.All(vol.Coerce(float), vol.Range(...))}. */
    static Schema.Validator coerceFloat(Number min, Number max) {
        return (value, path) -> {
            BigDecimal number = coerce(value, false);
            return number == null ? List.of(Invalid.at(path, "expected float")) : range(number, min, max, path);
        };
    }

    /** A literal value in a schema, like {@code vol.Required("type"): "auth"}. */
    static Schema.Validator literal(String expected) {
        return (value, path) -> value.isTextual() && value.textValue().equals(expected)
            ? List.of() : List.of(Invalid.at(path, "not a valid value"));
    }

    /** {@code vol.In(options)}; voluptuous lists the options sorted. */
    static Schema.Validator oneOf(String... options) {
        Set<String> sorted = new TreeSet<>(List.of(options));
        String message = "value must be one of "
            + sorted.stream().map(PythonRepr::string).collect(Collectors.joining(", ", "[", "]"));
        return (value, path) -> value.isTextual() && sorted.contains(value.textValue())
            ? List.of() : List.of(Invalid.at(path, message));
    }

    /** {@code {str: int}}, the shape of supported_features' features. */
    static Schema.Validator mapOfInts() {
        return (value, path) -> {
            if (!value.isObject()) {
                return List.of(Invalid.at(path, "expected dict"));
            }
            List<Invalid> errors = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isIntegralNumber() && !field.getValue().isBoolean()) {
                    errors.add(Invalid.at(Schema.append(path, field.getKey()), "expected int"));
                }
            }
            return errors;
        };
    }

    /** {@code vol.Any("none", vol.All(cv.ensure_list, [str]))}. */
    static Schema.Validator stringOrList() {
        return (value, path) -> {
            if (value.isTextual()) {
                return List.of();
            }
            if (!value.isArray()) {
                return List.of(Invalid.at(path, "expected str"));
            }
            List<Invalid> errors = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    errors.add(Invalid.at(Schema.append(path, i), "expected str"));
                }
            }
            return errors;
        };
    }

    /** {@code cv.comp_entity_ids}: "all", "none", or entity ids as a comma separated string or a list. */
    static Schema.Validator entityIds() {
        return (value, path) -> {
            List<String> ids = new ArrayList<>();
            if (value.isTextual()) {
                String text = value.textValue().trim().toLowerCase();
                if (text.equals("all") || text.equals("none")) {
                    return List.of();
                }
                for (String id : text.split(",")) {
                    ids.add(id.trim());
                }
            } else if (value.isArray()) {
                for (JsonNode id : value) {
                    if (!id.isTextual()) {
                        return List.of(Invalid.at(path, "not a valid value"));
                    }
                    ids.add(id.textValue().trim().toLowerCase());
                }
            } else {
                return List.of(Invalid.at(path, "not a valid value"));
            }
            for (String id : ids) {
                if (!isEntityId(id)) {
                    return List.of(Invalid.at(path, "Entity ID " + id + " is an invalid entity ID"));
                }
            }
            return List.of();
        };
    }

    /**
     * {@code cv.entity_ids} or, with {@code allowUuid}, {@code cv.entity_ids_or_uuids}: a comma separated string or
     * a list; what Python cannot even iterate fails with unknown_error, as in Home Assistant.
     */
    static Schema.Validator entityIdList(boolean allowUuid) {
        return (value, path) -> {
            if (value.isNull()) {
                return List.of(Invalid.at(path, "Entity IDs can not be None"));
            }
            for (JsonNode id : entityIdItems(value)) {
                String message = entityIdProblem(id, allowUuid);
                if (message != null) {
                    return List.of(Invalid.at(path, message));
                }
            }
            return List.of();
        };
    }

    /** The ids of a value {@link #entityIdList} accepted, lower-cased as Home Assistant keeps them. */
    static List<String> entityIds(JsonNode value) {
        List<String> ids = new ArrayList<>();
        for (JsonNode id : entityIdItems(value)) {
            String text = id.isTextual() ? id.textValue() : PythonRepr.of(id);
            ids.add(FAKE_UUID_HEX.matcher(text).matches() ? text : text.toLowerCase());
        }
        return ids;
    }

    private static List<JsonNode> entityIdItems(JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value.isTextual()) {
            for (String id : value.textValue().split(",", -1)) {
                items.add(TextNode.valueOf(id.strip()));
            }
        } else if (value.isArray()) {
            value.forEach(items::add);
        } else if (value.isObject()) {
            value.fieldNames().forEachRemaining(name -> items.add(TextNode.valueOf(name)));
        } else {
            throw new UnknownErrorException("'" + PythonRepr.typeName(value) + "' object is not iterable");
        }
        return items;
    }

    private static String entityIdProblem(JsonNode id, boolean allowUuid) {
        if (id.isTextual() && isEntityId(id.textValue().toLowerCase())) {
            return null;
        }
        if (!allowUuid) {
            if (id.isNull()) {
                return "string value is None";
            }
            return id.isContainerNode() ? "value should be a string"
                : "Entity ID " + (id.isTextual() ? id.textValue() : PythonRepr.of(id)) + " is an invalid entity ID";
        }
        if (!id.isTextual()) {
            throw new UnknownErrorException("expected string or bytes-like object");
        }
        return FAKE_UUID_HEX.matcher(id.textValue()).matches() ? null
            : "Entity " + id.textValue() + " is neither a valid entity ID nor a valid UUID";
    }

    /** Python's int()/float() of a JSON value, or null when it raises. */
    private static BigDecimal coerce(JsonNode value, boolean integral) {
        BigDecimal number = null;
        if (value.isBoolean()) {
            number = value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.textValue().trim());
                if (integral && number.scale() > 0 && value.textValue().contains(".")) {
                    return null; // int("5.5") raises in Python
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (number != null && integral) {
            number = new BigDecimal(number.toBigInteger());
        }
        return number;
    }

    private static List<Invalid> range(BigDecimal number, Number min, Number max, List<Object> path) {
        if (min != null && number.compareTo(new BigDecimal(min.toString())) < 0) {
            return List.of(Invalid.at(path, "value must be at least " + min));
        }
        if (max != null && number.compareTo(new BigDecimal(max.toString())) > 0) {
            return List.of(Invalid.at(path, "value must be at most " + max));
        }
        return List.of();
    }
}
