package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** turn_on / turn_off / toggle of the plain on/off domains, and fan speed. */
final class OnOffServices {

    private static final List<String> DOMAINS = List.of("switch", "input_boolean", "fan", "media_player");
    /** States a toggle treats as off, as media players count standby as off. */
    private static final Set<String> OFF_STATES = Set.of("off", "standby", "unavailable", "unknown");

    private OnOffServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        for (String domain : DOMAINS) {
            handlers.put(domain + ".turn_on", OnOffServices::turnOn);
            handlers.put(domain + ".turn_off", OnOffServices::turnOff);
            handlers.put(domain + ".toggle", OnOffServices::toggle);
        }
        handlers.put("fan.set_percentage", OnOffServices::setPercentage);
    }

    static boolean isOff(EntityState state) {
        return OFF_STATES.contains(state.state());
    }

    private static JsonNode turnOn(ServiceInvocation invocation) {
        for (String id : invocation.targets()) {
            switchOn(invocation, id);
        }
        return null;
    }

    private static JsonNode turnOff(ServiceInvocation invocation) {
        for (String id : invocation.targets()) {
            switchOff(invocation, id);
        }
        return null;
    }

    private static JsonNode toggle(ServiceInvocation invocation) {
        for (String id : invocation.targets()) {
            if (isOff(invocation.state(id))) {
                switchOn(invocation, id);
            } else {
                switchOff(invocation, id);
            }
        }
        return null;
    }

    private static JsonNode setPercentage(ServiceInvocation invocation) {
        int percentage = invocation.field("percentage").asInt();
        for (String id : invocation.targets()) {
            ObjectNode attributes = invocation.state(id).attributes().deepCopy().put("percentage", percentage);
            invocation.setState(id, percentage == 0 ? "off" : "on", attributes);
        }
        return null;
    }

    private static void switchOn(ServiceInvocation invocation, String id) {
        ObjectNode attributes = invocation.state(id).attributes().deepCopy();
        JsonNode percentage = invocation.field("percentage");
        if (percentage != null) {
            attributes.put("percentage", percentage.asInt());
        }
        invocation.setState(id, "on", attributes);
    }

    private static void switchOff(ServiceInvocation invocation, String id) {
        invocation.setState(id, "off");
    }
}
