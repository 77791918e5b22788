package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code state} trigger platform ({@code homeassistant/triggers/state.py}): entity ids, from / to / not_from /
 * not_to, attribute, and {@code for:}, which waits on a timer and is cancelled by a change that no longer matches.
 */
final class StateTrigger implements TriggerSubscription.Trigger {

    private static final Logger LOG = LoggerFactory.getLogger(StateTrigger.class);
    private static final String[] FROM_GROUP = {"from", "not_from"};
    private static final String[] TO_GROUP = {"to", "not_to"};
    private static final Schema.Validator STATES = (value, path) -> value.isNull() || value.isTextual()
        ? List.of() : Validators.stringOrList().validate(value, path);
    private static final Schema STATE_SCHEMA = options(STATES);
    private static final Schema ATTRIBUTE_SCHEMA = options(Validators.ANY);

    /** A change that must hold for the trigger's period: Home Assistant's {@code async_track_same_state}. */
    private final class Pending {
        private final String entityId;
        private final Predicate<EntityState> stillSame;
        private LoopTimer timer;

        Pending(String entityId, Predicate<EntityState> stillSame) {
            this.entityId = entityId;
            this.stillSame = stillSame;
        }
    }

    private final TriggerSubscription subscription;
    private final TriggerSubscription.TriggerData data;
    private final JsonNode config;
    private final List<String> entityIds;
    /** With {@code attribute:}, the trigger watches that attribute instead of the state. */
    private final boolean byAttribute;
    private final String attribute;
    private final Predicate<Object> matchFrom;
    private final Predicate<Object> matchTo;
    private final boolean matchAll;
    private final ForOption period;
    private final Object ownVariables;
    private final List<Pending> pending = new ArrayList<>();

    private StateTrigger(TriggerSubscription subscription, TriggerSubscription.TriggerData data, JsonNode config,
                         List<String> entityIds, Object ownVariables) throws TemplateValues.Refused {
        this.subscription = subscription;
        this.data = data;
        this.config = config;
        this.entityIds = entityIds;
        this.byAttribute = config.has("attribute");
        this.attribute = config.path("attribute").isTextual() ? config.get("attribute").textValue() : null;
        this.matchFrom = matcher("from", "not_from");
        this.matchTo = matcher("to", "not_to");
        this.matchAll = !config.has("from") && !config.has("not_from") && !config.has("to") && !config.has("not_to");
        this.period = config.has("for") ? ForOption.of(config.get("for")) : null;
        this.ownVariables = ownVariables;
    }

    private static Schema options(Schema.Validator states) {
        return TriggerSchemas.platform("state")
            .required("entity_id", Validators.entityIdList(true))
            .optional("for", ForOption.VALIDATOR)
            .optional("attribute", Validators.ANY)
            .optional("from", states).optional("not_from", states)
            .optional("to", states).optional("not_to", states);
    }

    /** {@code async_validate_trigger_config}; entity registry ids are resolved to entity ids. */
    static List<Invalid> validate(JsonNode config, SimulatedHome home) {
        if (!config.isObject()) {
            return List.of(Invalid.at(List.of(), "Expected a dictionary"));
        }
        List<Invalid> errors = TriggerSchemas.exclusive(config, FROM_GROUP, TO_GROUP);
        if (errors.isEmpty()) {
            errors = (config.has("attribute") ? ATTRIBUTE_SCHEMA : STATE_SCHEMA).validate(config);
        }
        if (errors.isEmpty()) {
            for (String id : Validators.entityIds(config.get("entity_id"))) {
                if (!Validators.isEntityId(id) && home.entityIdOfRegistryEntry(id) == null) {
                    return List.of(Invalid.at(List.of(), "Unknown entity registry entry " + id));
                }
            }
        }
        return errors;
    }

    static StateTrigger attach(TriggerSubscription subscription, TriggerSubscription.TriggerData data,
                               JsonNode config, Object ownVariables) throws TemplateValues.Refused {
        List<String> ids = new ArrayList<>();
        for (String id : Validators.entityIds(config.get("entity_id"))) {
            ids.add(Validators.isEntityId(id) ? id : subscription.home().entityIdOfRegistryEntry(id));
        }
        return new StateTrigger(subscription, data, config, ids, ownVariables);
    }

    @Override
    public void onEvent(HomeEvent event) {
        if (!HomeEvent.STATE_CHANGED.equals(event.type()) || !entityIds.contains(event.entityId())) {
            return;
        }
        List<Pending> before = new ArrayList<>(pending);
        onChange(event);
        for (Pending waiting : before) {
            if (waiting.entityId.equals(event.entityId()) && !waiting.stillSame.test(event.newState())) {
                waiting.timer.cancel();
                pending.remove(waiting);
            }
        }
    }

    @Override
    public void stop() {
        pending.forEach(waiting -> waiting.timer.cancel());
        pending.clear();
    }

    /** {@code state_automation_listener}. */
    private void onChange(HomeEvent event) {
        Object oldValue = valueOf(event.oldState());
        Object newValue = valueOf(event.newState());
        if (byAttribute && Py.equal(oldValue, newValue)) {
            return;
        }
        if (!matchFrom.test(oldValue) || !matchTo.test(newValue) || (!matchAll && Py.equal(oldValue, newValue))) {
            return;
        }
        if (period == null || period.falsy()) {
            fire(event, period == null ? "null" : period.falsyJson());
            return;
        }
        long micros;
        try {
            micros = period.micros(subscription, event);
        } catch (TemplateException | TimePeriod.NotAPeriod e) {
            LOG.error("Error rendering for: of trigger {} of subscription {}: {}", data.idx(),
                subscription.id(), e.getMessage());
            return;
        }
        boolean onlyFrom = config.has("from") && !config.has("to");
        Pending waiting = new Pending(event.entityId(), state -> {
            if (state == null) {
                return false;
            }
            Object current = valueOf(state);
            return onlyFrom ? !Py.equal(current, oldValue) : Py.equal(current, newValue);
        });
        waiting.timer = LoopTimer.start(subscription.simulation(), micros * 1000, () ->
            subscription.home().atomically(() -> {
                if (pending.remove(waiting) && subscription.active()) {
                    fire(event, TimePeriod.json(micros));
                }
            }));
        pending.add(waiting);
    }

    private void fire(HomeEvent event, String forJson) {
        String entity = event.entityId();
        StringBuilder json = data.appendJson(new StringBuilder(1024).append('{'));
        Json.appendQuoted(json.append(",\"platform\":\"state\",\"entity_id\":"), entity);
        json.append(",\"from_state\":").append(event.oldState() == null ? "null" : event.oldState().json());
        json.append(",\"to_state\":").append(event.newState() == null ? "null" : event.newState().json());
        json.append(",\"for\":").append(forJson);
        json.append(",\"attribute\":").append(byAttribute ? Json.write(config.get("attribute")) : "null");
        Json.appendQuoted(json.append(",\"description\":"), "state of " + entity).append('}');
        subscription.fire(json.toString(), ownVariables, () -> {
            Map<String, Object> trigger = data.python();
            trigger.putAll(scopeOf(event));
            trigger.put("for", forJson.equals("null") ? null : new Py.Opaque("trigger.for"));
            trigger.put("attribute", byAttribute ? PyJson.fromJson(config.get("attribute")) : null);
            trigger.put("description", "state of " + entity);
            return trigger;
        }, event.context());
    }

    private Object valueOf(EntityState state) {
        if (state == null) {
            return null;
        }
        if (!byAttribute) {
            return state.state();
        }
        return attribute == null ? null : PyJson.attributes(state).get(attribute);
    }

    /** {@code process_state_match}: from / to, else the inverted not_from / not_to, else anything. */
    private Predicate<Object> matcher(String key, String invertedKey) {
        JsonNode parameter = config.get(key);
        boolean invert = parameter == null || parameter.isNull();
        if (invert) {
            parameter = config.get(invertedKey);
        }
        if (parameter == null || parameter.isNull()) {
            return value -> true;
        }
        if (parameter.isTextual() && parameter.textValue().equals("*")) {
            return value -> !invert;
        }
        List<Object> options = new ArrayList<>();
        if (parameter.isArray()) {
            parameter.forEach(option -> options.add(PyJson.fromJson(option)));
        } else if (parameter.isObject()) {
            parameter.fieldNames().forEachRemaining(options::add);
        } else {
            options.add(PyJson.fromJson(parameter));
        }
        return value -> invert != options.stream().anyMatch(option -> Py.equal(value, option));
    }

    /** The trigger variables a template in {@code for:} sees: platform, entity and both states. */
    static Map<String, Object> scopeOf(HomeEvent event) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("platform", "state");
        trigger.put("entity_id", event.entityId());
        trigger.put("from_state", event.oldState() == null ? null : new Py.StateObject(event.oldState()));
        trigger.put("to_state", event.newState() == null ? null : new Py.StateObject(event.newState()));
        return trigger;
    }
}
