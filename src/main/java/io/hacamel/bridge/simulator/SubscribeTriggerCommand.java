package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * subscribe_trigger ({@code handle_subscribe_trigger}): validates every trigger with its platform's schema (an
 * error is humanized against the validated message, whose trigger is a list), attaches the enabled ones, answers
 * null, and forwards each firing as an event until unsubscribe_events. The simulator has the {@code state} and
 * {@code event} platforms.
 */
final class SubscribeTriggerCommand {

    private static final Logger LOG = LoggerFactory.getLogger(SubscribeTriggerCommand.class);

    /** Home Assistant's {@code _PLATFORM_ALIASES}: these platforms belong to another integration. */
    private static final Map<String, String> ALIASES = Map.of("event", "homeassistant", "numeric_state",
        "homeassistant", "state", "homeassistant", "time_pattern", "homeassistant", "time", "homeassistant",
        "device", "device_automation");
    /** Trigger platforms of Home Assistant 2023.6 that the simulator does not simulate. */
    private static final Set<String> NOT_SIMULATED = Set.of("numeric_state", "time_pattern", "time",
        "homeassistant", "device", "template", "zone", "sun", "mqtt", "webhook", "tag", "calendar", "conversation",
        "geo_location", "persistent_notification");

    private SubscribeTriggerCommand() {
    }

    static void register() {
        Commands.register("subscribe_trigger", Schema.strict()
            .required("trigger", TriggerSchemas.TRIGGERS)
            .optional("variables", Validators.DICT), SubscribeTriggerCommand::handle);
    }

    private static void handle(CommandRequest request) {
        ObjectNode validated = request.message().deepCopy();
        List<JsonNode> triggers = TriggerSchemas.ensureList(validated.get("trigger"));
        validated.putArray("trigger").addAll(triggers);
        for (JsonNode trigger : triggers) {
            List<Invalid> errors = validate(trigger, request.home());
            if (!errors.isEmpty()) {
                request.error("invalid_format", Invalid.humanize(validated, errors));
                return;
            }
        }
        TriggerSubscription subscription = new TriggerSubscription(request,
            PyJson.variables(request.message().get("variables")));
        List<TriggerSubscription.Trigger> attached = new ArrayList<>();
        for (int idx = 0; idx < triggers.size(); idx++) {
            JsonNode config = triggers.get(idx);
            if (config.has("enabled") && !TriggerSchemas.booleanOf(config.get("enabled"))) {
                continue;
            }
            TriggerSubscription.TriggerData data = new TriggerSubscription.TriggerData(
                config.has("id") ? config.get("id").textValue() : Integer.toString(idx), Integer.toString(idx),
                config.has("alias") ? config.get("alias").textValue() : null);
            try {
                Object ownVariables = config.has("variables") ? TemplateValues.complex(config.get("variables")) : null;
                attached.add(config.get("platform").textValue().equals("state")
                    ? StateTrigger.attach(subscription, data, config, ownVariables)
                    : EventTrigger.attach(subscription, data, config, ownVariables));
            } catch (TemplateException | TemplateValues.Refused e) {
                LOG.error("Error setting up trigger {} of subscription {}: {}", idx, request.id(), e.getMessage());
            }
        }
        subscription.start(attached);
    }

    /** {@code async_validate_trigger_config} for one trigger: find its platform, then apply the platform's schema. */
    private static List<Invalid> validate(JsonNode trigger, SimulatedHome home) {
        String platform = trigger.get("platform").textValue();
        String name = platform.split("\\.", -1)[0];
        String integration = ALIASES.getOrDefault(name, name);
        if (integration.equals("homeassistant") && platform.contains(".")) {
            throw new UnknownErrorException("No module named 'homeassistant.components.homeassistant.triggers."
                + platform + "'");
        }
        if (platform.equals("state")) {
            return StateTrigger.validate(trigger, home);
        }
        if (platform.equals("event")) {
            return EventTrigger.validate(trigger);
        }
        if (NOT_SIMULATED.contains(name) || NOT_SIMULATED.contains(integration)) {
            return List.of(Invalid.at(List.of(), "The trigger platform '" + name
                + "' is outside the simulator (docs/simulator.md lists the platforms it has)"));
        }
        if (isLoadedIntegration(home, integration)) {
            return List.of(Invalid.at(List.of(), "Integration '" + integration + "' does not provide trigger support"));
        }
        return List.of(Invalid.at(List.of(), "Invalid platform '" + integration + "' specified"));
    }

    private static boolean isLoadedIntegration(SimulatedHome home, String integration) {
        for (String component : home.components()) {
            for (String part : component.split("\\.")) {
                if (part.equals(integration)) {
                    return true;
                }
            }
        }
        return false;
    }
}
