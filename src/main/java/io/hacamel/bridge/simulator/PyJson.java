package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON in and out of template values: what a template sees of attributes and variables, and its typed result. */
final class PyJson {

    private PyJson() {
    }

    static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(fromJson(item)));
            return items;
        }
        return fields(node, new LinkedHashMap<>());
    }

    static Py.ReadOnlyDict attributes(EntityState state) {
        return fields(state.attributes(), new Py.ReadOnlyDict());
    }

    /** Variables for a template: a JSON object's fields, or none. */
    static Map<String, Object> variables(JsonNode object) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(field -> variables.put(field.getKey(), fromJson(field.getValue())));
        }
        return variables;
    }

    /**
     * Writes a result as orjson does in Home Assistant: tuples and sets as arrays, dict keys as strings, infinite
     * and NaN floats as null.
     */
    static StringBuilder write(Object value, StringBuilder out) {
        if (value == null) {
            return out.append("null");
        }
        if (value instanceof Boolean || value instanceof BigInteger) {
            return out.append(value);
        }
        if (value instanceof Double number) {
            return out.append(Double.isFinite(number) ? PythonRepr.pythonFloat(number) : "null");
        }
        if (value instanceof String text) {
            return Json.appendQuoted(out, text);
        }
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                Object key = entry.getKey();
                Json.appendQuoted(out, key instanceof String text ? text : key == null ? "null"
                    : key instanceof Boolean ? key.toString() : Py.repr(key));
                write(entry.getValue(), out.append(':'));
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            return out.append('}');
        }
        Collection<?> items = value instanceof Py.Tuple tuple ? tuple.items() : (Collection<?>) value;
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            write(item, first ? out : out.append(','));
            first = false;
        }
        return out.append(']');
    }

    private static <M extends Map<Object, Object>> M fields(JsonNode object, M into) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            into.put(field.getKey(), fromJson(field.getValue()));
        }
        return into;
    }
}
