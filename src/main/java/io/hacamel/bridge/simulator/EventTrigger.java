package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code event} trigger platform ({@code homeassistant/triggers/event.py}): event types (templates rendered
 * once, when attached), and optionally event data and context that the event must contain.
 */
final class EventTrigger implements TriggerSubscription.Trigger {

    private static final Schema.Validator EVENT_TYPES = (value, path) -> {
        List<Invalid> errors = new ArrayList<>();
        List<JsonNode> types = TriggerSchemas.ensureList(value);
        for (int i = 0; i < types.size(); i++) {
            errors.addAll(TriggerSchemas.TEMPLATE.validate(types.get(i), Schema.append(path, i)));
        }
        return errors;
    };
    private static final Schema.Validator DICT_OF_TEMPLATES = (value, path) -> value.isObject()
        ? TriggerSchemas.TEMPLATE_COMPLEX.validate(value, path) : List.of(Invalid.at(path, "expected dict"));
    private static final Schema SCHEMA = TriggerSchemas.platform("event")
        .required("event_type", EVENT_TYPES)
        .optional("event_data", DICT_OF_TEMPLATES)
        .optional("context", DICT_OF_TEMPLATES);

    private final TriggerSubscription subscription;
    private final TriggerSubscription.TriggerData data;
    private final List<String> eventTypes;
    private final Map<?, ?> eventData;
    private final Map<?, ?> context;
    private final Object ownVariables;

    private EventTrigger(TriggerSubscription subscription, TriggerSubscription.TriggerData data,
                         List<String> eventTypes, Map<?, ?> eventData, Map<?, ?> context, Object ownVariables) {
        this.subscription = subscription;
        this.data = data;
        this.eventTypes = eventTypes;
        this.eventData = eventData;
        this.context = context;
        this.ownVariables = ownVariables;
    }

    static List<Invalid> validate(JsonNode config) {
        return SCHEMA.validate(config);
    }

    /** {@code async_attach_trigger}: renders the options; a template that fails to render attaches nothing. */
    static EventTrigger attach(TriggerSubscription subscription, TriggerSubscription.TriggerData data,
                               JsonNode config, Object ownVariables) throws TemplateValues.Refused {
        List<String> types = new ArrayList<>();
        for (JsonNode type : TriggerSchemas.ensureList(config.get("event_type"))) {
            if (render(subscription, TemplateValues.template(type)) instanceof String text) {
                types.add(text);
            }
        }
        return new EventTrigger(subscription, data, types, renderedDict(subscription, config.get("event_data")),
            renderedDict(subscription, config.get("context")), ownVariables);
    }

    @Override
    public void onEvent(HomeEvent event) {
        for (String type : eventTypes) {
            if ((type.equals("*") || type.equals(event.type())) && accepts(event)) {
                fire(event);
            }
        }
    }

    @Override
    public void stop() {
        // nothing pending
    }

    private boolean accepts(HomeEvent event) {
        if (eventData != null && !matches(eventData, PyJson.fromJson(Json.parseTrusted(event.json()).get("data")))) {
            return false;
        }
        if (context == null) {
            return true;
        }
        Map<String, Object> actual = contextOf(event.context());
        for (Map.Entry<?, ?> expected : context.entrySet()) {
            Object value = actual.get(expected.getKey());
            boolean ok = actual.containsKey(expected.getKey()) && (expected.getValue() instanceof List<?> options
                ? Py.contains(options, value) : matches(expected.getValue(), value));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Voluptuous with a literal schema that allows extra keys: dicts contain, lists hold only listed values. */
    private static boolean matches(Object schema, Object value) {
        if (schema instanceof Map<?, ?> expected) {
            if (!(value instanceof Map<?, ?> actual)) {
                return false;
            }
            for (Map.Entry<?, ?> entry : expected.entrySet()) {
                if (!actual.containsKey(entry.getKey()) || !matches(entry.getValue(), actual.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (schema instanceof List<?> options) {
            return value instanceof List<?> items && (options.isEmpty() ? items.isEmpty()
                : items.stream().allMatch(item -> options.stream().anyMatch(option -> matches(option, item))));
        }
        return Py.equal(schema, value);
    }

    private void fire(HomeEvent event) {
        StringBuilder json = data.appendJson(new StringBuilder(event.json().length() + 200).append('{'));
        json.append(",\"platform\":\"event\",\"event\":").append(event.json());
        String description = "event '" + event.type() + "'";
        Json.appendQuoted(json.append(",\"description\":"), description).append('}');
        subscription.fire(json.toString(), ownVariables, () -> {
            JsonNode parsed = Json.parseTrusted(event.json());
            Map<String, Object> eventValue = new LinkedHashMap<>();
            eventValue.put("event_type", event.type());
            eventValue.put("data", PyJson.fromJson(parsed.get("data")));
            eventValue.put("origin", parsed.path("origin").asText());
            eventValue.put("time_fired", new Py.Opaque("trigger.event.time_fired"));
            eventValue.put("context", contextOf(event.context()));
            Map<String, Object> trigger = data.python();
            trigger.put("platform", "event");
            trigger.put("event", eventValue);
            trigger.put("description", description);
            return trigger;
        }, event.context());
    }

    private static Map<String, Object> contextOf(HaContext context) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", context.id());
        values.put("parent_id", context.parentId());
        values.put("user_id", context.userId());
        return values;
    }

    private static Map<?, ?> renderedDict(TriggerSubscription subscription, JsonNode config)
        throws TemplateValues.Refused {
        return config == null ? null : (Map<?, ?>) render(subscription, TemplateValues.complex(config));
    }

    private static Object render(TriggerSubscription subscription, Object template) {
        return TemplateValues.render(template, subscription.home()::entityState, subscription.variables());
    }
}
