package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** light.turn_on / turn_off / toggle, with brightness, for plain lights and template lights alike. */
final class LightServices {

    private static final int FULL_BRIGHTNESS = 255;

    private LightServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        handlers.put("light.turn_on", LightServices::turnOn);
        handlers.put("light.turn_off", LightServices::turnOff);
        handlers.put("light.toggle", LightServices::toggle);
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
            if ("on".equals(invocation.state(id).state())) {
                switchOff(invocation, id);
            } else {
                switchOn(invocation, id);
            }
        }
        return null;
    }

    private static void switchOn(ServiceInvocation invocation, String id) {
        Integer requested = requestedBrightness(invocation);
        if (requested != null && requested == 0) {
            switchOff(invocation, id); // Home Assistant turns a light off when asked for brightness 0
            return;
        }
        if (invocation.states().derivedFor(id) instanceof TemplateLight template) {
            template.turnOn(invocation.states(), requested, invocation.call().context());
            return;
        }
        ObjectNode current = invocation.state(id).attributes();
        int brightness = requested != null ? requested : current.path("brightness").asInt(FULL_BRIGHTNESS);
        invocation.setState(id, "on", LightAttributes.on(current, brightness));
    }

    private static void switchOff(ServiceInvocation invocation, String id) {
        if (invocation.states().derivedFor(id) instanceof TemplateLight template) {
            template.turnOff(invocation.states(), invocation.call().context());
            return;
        }
        invocation.setState(id, "off", LightAttributes.off(invocation.state(id).attributes()));
    }

    /** brightness (clamped to 0..255, as {@code vol.Clamp} does) or brightness_pct, or null when neither is given. */
    private static Integer requestedBrightness(ServiceInvocation invocation) {
        JsonNode brightness = invocation.field("brightness");
        if (brightness != null) {
            return Math.max(0, Math.min(FULL_BRIGHTNESS, (int) brightness.asDouble()));
        }
        JsonNode percent = invocation.field("brightness_pct");
        if (percent != null) {
            return (int) Math.round(percent.asDouble() * FULL_BRIGHTNESS / 100.0);
        }
        return null;
    }
}
