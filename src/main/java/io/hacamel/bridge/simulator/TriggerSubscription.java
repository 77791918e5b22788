package io.hacamel.bridge.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers of one subscribe_trigger, attached to the home's bus until unsubscribe_events or the close. A
 * trigger that fires sends {@code {"variables": {"trigger": ...}, "context": ...}} written as Home Assistant's
 * {@code forward_triggers} writes it: Python's json with compact separators, so non-ASCII text is escaped. All
 * state lives under the home's lock: changes arrive from any thread, {@code for:} timers on the event loop.
 */
final class TriggerSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSubscription.class);

    /** One attached trigger. */
    interface Trigger {

        void onEvent(HomeEvent event);

        /** Cancels what is pending. */
        void stop();
    }

    /** {@code TriggerData}: id, idx and alias, the first keys of every trigger's variables. */
    record TriggerData(String id, String idx, String alias) {

        StringBuilder appendJson(StringBuilder out) {
            Json.appendQuoted(out.append("\"id\":"), id);
            Json.appendQuoted(out.append(",\"idx\":"), idx);
            return Json.appendQuoted(out.append(",\"alias\":"), alias);
        }

        Map<String, Object> python() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", id);
            values.put("idx", idx);
            values.put("alias", alias);
            return values;
        }
    }

    private final CommandRequest request;
    private final Map<String, Object> variables;
    private List<Trigger> triggers = List.of();
    private Runnable stopListening;
    private boolean active;

    TriggerSubscription(CommandRequest request, Map<String, Object> variables) {
        this.request = request;
        this.variables = variables;
    }

    long id() {
        return request.id();
    }

    Simulation simulation() {
        return request.simulation();
    }

    SimulatedHome home() {
        return request.home();
    }

    /** The subscription's own {@code variables}, which templates in trigger options see. */
    Map<String, Object> variables() {
        return variables;
    }

    boolean active() {
        return active;
    }

    /** Attaches the triggers and answers before any event can reach them. */
    void start(List<Trigger> attached) {
        home().atomically(() -> {
            triggers = attached;
            active = true;
            request.simulation().stats().triggerSubscriptionStarted();
            stopListening = home().listen(this::onEvent, () -> request.result("null"));
            request.session().track(request.id(), this::stop);
        });
    }

    /**
     * Sends one firing. {@code triggerJson} is the trigger's variables as JSON; {@code triggerVariables}, when the
     * trigger has variables of its own, are rendered with {@code trigger} (given by {@code python}) in scope.
     */
    void fire(String triggerJson, Object triggerVariables, Supplier<Map<String, Object>> python, HaContext context) {
        StringBuilder out = new StringBuilder(triggerJson.length() + 200).append("{\"id\":").append(request.id())
            .append(",\"type\":\"event\",\"event\":{\"variables\":{\"trigger\":").append(triggerJson);
        if (triggerVariables instanceof Map<?, ?> templates) {
            Map<String, Object> scope = new LinkedHashMap<>(variables);
            scope.put("trigger", python.get());
            try {
                for (Map.Entry<?, ?> variable : templates.entrySet()) {
                    Object value = TemplateValues.render(variable.getValue(), home()::entityState, scope);
                    scope.put((String) variable.getKey(), value);
                    Json.appendQuoted(out.append(','), (String) variable.getKey());
                    PyJson.write(value, out.append(':'));
                }
            } catch (TemplateException e) {
                LOG.error("Error rendering the variables of trigger subscription {}: {}", request.id(), e.getMessage());
                return;
            }
        }
        out.append("},\"context\":").append(context.json()).append("}}");
        request.session().sendEventMessage(Json.asciiOnly(out));
    }

    private void onEvent(HomeEvent event) {
        if (active) {
            for (Trigger trigger : triggers) {
                trigger.onEvent(event);
            }
        }
    }

    private void stop() {
        home().atomically(() -> {
            if (active) {
                request.simulation().stats().triggerSubscriptionStopped();
            }
            active = false;
            if (stopListening != null) {
                stopListening.run();
            }
            triggers.forEach(Trigger::stop);
        });
    }
}
