package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state trigger's {@code for:} as Home Assistant keeps it ({@code cv.positive_time_period_template}): a period,
 * or else a template value rendered at each matching change. A false value (0 s, null, an empty dict) means the
 * trigger fires at once and reports that value as its {@code for}.
 */
final class ForOption {

    /** {@code vol.Any(positive_time_period, template, template_complex)}: only a broken template fails. */
    static final Schema.Validator VALIDATOR = (value, path) -> {
        String firstProblem;
        try {
            TimePeriod.micros(PyJson.fromJson(value));
            return List.of();
        } catch (TimePeriod.NotAPeriod e) {
            firstProblem = e.getMessage();
        }
        try {
            of(value);
            return List.of();
        } catch (TemplateValues.Refused e) {
            return value.isObject() ? periodDictErrors(value, path) : List.of(Invalid.at(path, firstProblem));
        }
    };

    private static final Set<String> UNITS = Set.of("days", "hours", "minutes", "seconds", "milliseconds");

    private final Long fixedMicros;
    private final Object template;

    private ForOption(Long fixedMicros, Object template) {
        this.fixedMicros = fixedMicros;
        this.template = template;
    }

    static ForOption of(JsonNode value) throws TemplateValues.Refused {
        try {
            return new ForOption(TimePeriod.micros(PyJson.fromJson(value)), null);
        } catch (TimePeriod.NotAPeriod e) {
            if (value.isNull()) {
                return new ForOption(null, null);
            }
            return new ForOption(null, value.isContainerNode() ? TemplateValues.complex(value)
                : TemplateValues.template(value));
        }
    }

    /**
     * A dict with a broken template fails {@code time_period_dict}'s schema deeper than anything else, so
     * voluptuous reports those errors: an unknown key, a value that is no float.
     */
    private static List<Invalid> periodDictErrors(JsonNode value, List<Object> path) {
        List<Invalid> errors = new ArrayList<>();
        value.fields().forEachRemaining(field -> {
            List<Object> keyPath = Schema.append(path, field.getKey());
            if (!UNITS.contains(field.getKey())) {
                errors.add(Invalid.at(keyPath, "extra keys not allowed"));
            } else if (!field.getValue().isNumber() && !field.getValue().isBoolean()
                && !(field.getValue().isTextual() && PyNumbers.parseFloat(field.getValue().textValue()) != null)) {
                errors.add(Invalid.at(keyPath, "expected float").asDictionaryValue());
            }
        });
        return errors;
    }

    /** {@code not time_delta}. */
    boolean falsy() {
        if (fixedMicros != null) {
            return fixedMicros == 0;
        }
        return !(template instanceof HaTemplate) && !Py.truthy(template);
    }

    /** How a false {@code for} appears in the trigger's variables. */
    String falsyJson() {
        return fixedMicros != null ? TimePeriod.json(fixedMicros) : PyJson.write(template, new StringBuilder())
            .toString();
    }

    /** The period for this change, a template rendered with the subscription's variables and the trigger's. */
    long micros(TriggerSubscription subscription, HomeEvent event) throws TimePeriod.NotAPeriod {
        if (fixedMicros != null) {
            return fixedMicros;
        }
        Map<String, Object> scope = new LinkedHashMap<>(subscription.variables());
        scope.put("trigger", StateTrigger.scopeOf(event));
        return TimePeriod.micros(TemplateValues.render(template, subscription.home()::entityState, scope));
    }
}
