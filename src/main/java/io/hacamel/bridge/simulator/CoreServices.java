package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic {@code homeassistant.turn_on / turn_off / toggle}: like Home Assistant, they group the targeted
 * entities by domain and call each domain's own service with the same context.
 */
final class CoreServices {

    private CoreServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        for (String service : List.of("turn_on", "turn_off", "toggle")) {
            handlers.put("homeassistant." + service, invocation -> perDomain(invocation, service));
        }
    }

    private static JsonNode perDomain(ServiceInvocation invocation, String service) throws ServiceException {
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (String id : invocation.targetsOfAnyDomain()) {
            byDomain.computeIfAbsent(EntityState.domainOf(id), d -> new ArrayList<>()).add(id);
        }
        for (Map.Entry<String, List<String>> group : byDomain.entrySet()) {
            if (!invocation.hasService(group.getKey(), service)) {
                continue; // Home Assistant only logs that the domain has no such service
            }
            ObjectNode data = invocation.call().data().deepCopy();
            data.remove(List.of("area_id", "device_id"));
            group.getValue().forEach(data.putArray("entity_id")::add);
            invocation.callService(group.getKey(), service, data);
        }
        return null;
    }
}
