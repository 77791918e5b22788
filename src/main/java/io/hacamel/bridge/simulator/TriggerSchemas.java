package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Home Assistant's trigger validation: {@code cv.TRIGGER_SCHEMA} on the message (a list, each with a platform),
 * then the platform's own schema on each trigger, with voluptuous' messages.
 */
final class TriggerSchemas {

    /** {@code cv.boolean}. */
    static final Schema.Validator BOOLEAN = (value, path) -> booleanOf(value) != null ? List.of()
        : List.of(Invalid.at(path, "invalid boolean value " + pythonStr(value)));

    /** {@code cv.template}. */
    static final Schema.Validator TEMPLATE = (value, path) -> refusal(path, () -> TemplateValues.template(value));

    /** {@code cv.template_complex}. */
    static final Schema.Validator TEMPLATE_COMPLEX = (value, path) -> refusal(path,
        () -> TemplateValues.complex(value));

    /** {@code SCRIPT_VARIABLES_SCHEMA}: a dict of template_complex values. */
    static final Schema.Validator VARIABLES = (value, path) -> {
        if (!value.isObject()) {
            return List.of(Invalid.at(path, "expected a dictionary"));
        }
        List<Invalid> errors = new ArrayList<>();
        value.fields().forEachRemaining(field ->
            errors.addAll(TEMPLATE_COMPLEX.validate(field.getValue(), Schema.append(path, field.getKey()))
                .stream().map(Invalid::asDictionaryValue).toList()));
        return errors;
    };

    /** {@code _base_trigger_validator}: the base keys, a platform, and anything else for now. */
    private static final Schema BASE = withBaseKeys(Schema.allowingExtra()).required("platform", Validators.STR);

    /** {@code vol.All(cv.ensure_list, [_base_trigger_validator])}. */
    static final Schema.Validator TRIGGERS = (value, path) -> {
        List<JsonNode> triggers = ensureList(value);
        List<Invalid> shallow = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            List<Object> itemPath = Schema.append(path, i);
            List<Invalid> errors = BASE.validate(triggers.get(i), itemPath);
            if (!errors.isEmpty() && errors.get(0).path().size() > itemPath.size()) {
                return errors; // voluptuous raises an element's own errors at once
            }
            shallow.addAll(errors);
        }
        return shallow;
    };

    private TriggerSchemas() {
    }

    /** The base keys plus the platform's, rejecting any other key. */
    static Schema platform(String name) {
        return withBaseKeys(Schema.strict()).required("platform", Validators.literal(name));
    }

    /** The keys every trigger may have ({@code cv.TRIGGER_BASE_SCHEMA}). */
    private static Schema withBaseKeys(Schema schema) {
        return schema.optional("alias", Validators.STR)
            .optional("id", Validators.STR)
            .optional("variables", VARIABLES)
            .optional("enabled", BOOLEAN);
    }

    static List<JsonNode> ensureList(JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        return items;
    }

    /** {@code vol.Exclusive}: at most one key of each group, checked before anything else. */
    static List<Invalid> exclusive(JsonNode config, String[]... groups) {
        List<Invalid> errors = new ArrayList<>();
        for (String[] group : groups) {
            boolean seen = false;
            for (String key : group) {
                if (config.has(key)) {
                    if (seen) {
                        errors.add(Invalid.at(List.of(new Invalid.Group(group[0])),
                            "two or more values in the same group of exclusion '" + group[0] + "'"));
                        break;
                    }
                    seen = true;
                }
            }
        }
        return errors;
    }

    /** cv.boolean's reading of a value, or null when it is none. */
    static Boolean booleanOf(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip().toLowerCase();
            if (List.of("1", "true", "yes", "on", "enable").contains(text)) {
                return true;
            }
            if (List.of("0", "false", "no", "off", "disable").contains(text)) {
                return false;
            }
        }
        return null;
    }

    /** Python's {@code str()} of parsed JSON. */
    static String pythonStr(JsonNode value) {
        return value.isTextual() ? value.textValue() : PythonRepr.of(value);
    }

    @FunctionalInterface
    private interface Check {
        Object run() throws TemplateValues.Refused;
    }

    private static List<Invalid> refusal(List<Object> path, Check check) {
        try {
            check.run();
            return List.of();
        } catch (TemplateValues.Refused e) {
            return List.of(Invalid.at(path, e.getMessage()));
        }
    }
}
