package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of voluptuous to answer bad messages the way Home Assistant does: dictionary schemas with required and
 * optional keys that reject unknown keys unless told otherwise, producing voluptuous' messages and paths.
 */
final class Schema {

    /** Validates one value; an empty list means valid. */
    @FunctionalInterface
    interface Validator {
        List<Invalid> validate(JsonNode value, List<Object> path);
    }

    private record Key(boolean required, Validator validator) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final boolean allowExtra;

    private Schema(boolean allowExtra) {
        this.allowExtra = allowExtra;
    }

    static Schema strict() {
        return new Schema(false);
    }

    static Schema allowingExtra() {
        return new Schema(true);
    }

    Schema required(String key, Validator validator) {
        keys.put(key, new Key(true, validator));
        return this;
    }

    Schema optional(String key, Validator validator) {
        keys.put(key, new Key(false, validator));
        return this;
    }

    /** A copy with more keys, like {@code Schema.extend}. */
    Schema extend(Schema other) {
        Schema copy = new Schema(allowExtra && other.allowExtra);
        copy.keys.putAll(keys);
        copy.keys.putAll(other.keys);
        return copy;
    }

    List<Invalid> validate(JsonNode data) {
        return validate(data, List.of());
    }

    /** Errors in voluptuous' order: the data's keys first, then the required keys that are missing. */
    List<Invalid> validate(JsonNode data, List<Object> path) {
        if (data == null || !data.isObject()) {
            return List.of(Invalid.at(path, "expected a dictionary"));
        }
        List<Invalid> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<Object> keyPath = append(path, field.getKey());
            Key key = keys.get(field.getKey());
            if (key == null) {
                if (!allowExtra) {
                    errors.add(Invalid.at(keyPath, "extra keys not allowed"));
                }
                continue;
            }
            for (Invalid error : key.validator().validate(field.getValue(), keyPath)) {
                errors.add(error.path().size() <= keyPath.size() ? error.asDictionaryValue() : error);
            }
        }
        keys.forEach((name, key) -> {
            if (key.required() && !data.has(name)) {
                errors.add(Invalid.at(append(path, name), "required key not provided"));
            }
        });
        return errors;
    }

    /** This schema as the validator of a nested dictionary value. */
    Validator nested() {
        return this::validate;
    }

    static List<Object> append(List<Object> path, Object element) {
        List<Object> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(element);
        return longer;
    }
}
