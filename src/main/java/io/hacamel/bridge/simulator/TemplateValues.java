package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Options that may hold templates: {@code cv.template} and {@code cv.template_complex} when a configuration is
 * validated, {@code template.render_complex} when it is used.
 */
final class TemplateValues {

    /** A value these validators refuse; the message is voluptuous' (without its path). */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private TemplateValues() {
    }

    /** {@code cv.template}: any scalar becomes a template of its text. */
    static HaTemplate template(JsonNode value) throws Refused {
        if (value == null || value.isNull()) {
            throw new Refused("template value is None");
        }
        if (value.isContainerNode()) {
            throw new Refused("template value should be a string");
        }
        return compile(value.isTextual() ? value.textValue() : Py.str(PyJson.fromJson(value)));
    }

    /**
     * {@code cv.template_complex}: the value as template values, where strings with Jinja delimiters are compiled
     * templates and everything else stays as it is.
     */
    static Object complex(JsonNode value) throws Refused {
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(complex(item));
            }
            return items;
        }
        if (value.isObject()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                map.put(HaTemplate.isTemplate(key) ? compile(key) : key, complex(field.getValue()));
            }
            return map;
        }
        if (value.isTextual() && HaTemplate.isTemplate(value.textValue())) {
            return compile(value.textValue());
        }
        return PyJson.fromJson(value);
    }

    /** {@code template.render_complex}: renders every template inside, typed. */
    static Object render(Object value, Function<String, EntityState> states, Map<String, Object> variables) {
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(render(item, states, variables));
            }
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> rendered = new LinkedHashMap<>();
            map.forEach((key, item) -> rendered.put(render(key, states, variables), render(item, states, variables)));
            return rendered;
        }
        return value instanceof HaTemplate template ? template.render(states, variables) : value;
    }

    private static HaTemplate compile(String text) throws Refused {
        try {
            return HaTemplate.compile(text);
        } catch (TemplateException e) {
            throw new Refused("invalid template (" + e.getMessage() + ")");
        }
    }
}
