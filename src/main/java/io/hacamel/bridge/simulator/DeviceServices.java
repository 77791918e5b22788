package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiConsumer;

/** The services of covers, locks, climate devices and media players. */
final class DeviceServices {

    private DeviceServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        handlers.put("cover.open_cover", each((call, id) -> moveCover(call, id, 100)));
        handlers.put("cover.close_cover", each((call, id) -> moveCover(call, id, 0)));
        handlers.put("cover.toggle", each((call, id) ->
            moveCover(call, id, "closed".equals(call.state(id).state()) ? 100 : 0)));
        handlers.put("cover.set_cover_position", each((call, id) ->
            moveCover(call, id, call.field("position").asInt())));
        handlers.put("lock.lock", each((call, id) -> call.setState(id, "locked")));
        handlers.put("lock.unlock", each((call, id) -> call.setState(id, "unlocked")));
        handlers.put("lock.open", each((call, id) -> call.setState(id, "unlocked")));
        handlers.put("climate.set_temperature", each(DeviceServices::setTemperature));
        handlers.put("climate.set_hvac_mode", each((call, id) -> call.setState(id, call.field("hvac_mode").asText())));
        handlers.put("climate.turn_on", each((call, id) -> call.setState(id, "heat")));
        handlers.put("climate.turn_off", each((call, id) -> call.setState(id, "off")));
        handlers.put("media_player.media_play", each((call, id) -> call.setState(id, "playing")));
        handlers.put("media_player.media_pause", each((call, id) -> call.setState(id, "paused")));
        handlers.put("media_player.media_stop", each((call, id) -> call.setState(id, "idle")));
        handlers.put("media_player.volume_set", each((call, id) -> call.setState(id, call.state(id).state(),
            call.state(id).attributes().deepCopy().put("volume_level", call.field("volume_level").asDouble()))));
    }

    /** A handler applying {@code action} to each targeted entity. */
    private static ServiceHandler each(BiConsumer<ServiceInvocation, String> action) {
        return invocation -> {
            for (String id : invocation.targets()) {
                action.accept(invocation, id);
            }
            return null;
        };
    }

    private static void moveCover(ServiceInvocation invocation, String id, int position) {
        ObjectNode attributes = invocation.state(id).attributes().deepCopy();
        if (attributes.has("current_position")) {
            attributes.put("current_position", position);
        }
        invocation.setState(id, position > 0 ? "open" : "closed", attributes);
    }

    private static void setTemperature(ServiceInvocation invocation, String id) {
        EntityState current = invocation.state(id);
        ObjectNode attributes = current.attributes().deepCopy();
        JsonNode temperature = invocation.field("temperature");
        if (temperature != null) {
            attributes.put("temperature", temperature.asDouble());
        }
        JsonNode mode = invocation.field("hvac_mode");
        invocation.setState(id, mode != null ? mode.asText() : current.state(), attributes);
    }
}
