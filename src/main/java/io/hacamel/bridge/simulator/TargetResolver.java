package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a call's entity_id / area_id / device_id into the existing entities it refers to, in the order given. */
final class TargetResolver {

    private TargetResolver() {
    }

    /** @param domain only entities of this domain, or null for any */
    static List<String> resolve(ObjectNode data, String domain, StateMachine states, Registries registries) {
        Set<String> ids = new LinkedHashSet<>();
        JsonNode entityIds = data.get("entity_id");
        if (entityIds != null && entityIds.isTextual() && entityIds.textValue().trim().equalsIgnoreCase("all")) {
            states.all().forEach(state -> ids.add(state.entityId()));
        } else {
            for (String id : strings(entityIds)) {
                for (String part : id.split(",")) {
                    ids.add(part.trim().toLowerCase());
                }
            }
        }
        Set<String> areas = new LinkedHashSet<>(strings(data.get("area_id")));
        Set<String> devices = new LinkedHashSet<>(strings(data.get("device_id")));
        if (!areas.isEmpty() || !devices.isEmpty()) {
            for (EntityState state : states.all()) {
                String id = state.entityId();
                if (areas.contains(registries.areaOf(id)) || devices.contains(registries.deviceOf(id))) {
                    ids.add(id);
                }
            }
        }
        List<String> resolved = new ArrayList<>();
        for (String id : ids) {
            if (states.get(id) != null && (domain == null || EntityState.domainOf(id).equals(domain))) {
                resolved.add(id);
            }
        }
        return resolved;
    }

    private static List<String> strings(JsonNode value) {
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isTextual()) {
            if (!value.textValue().equalsIgnoreCase("none")) {
                result.add(value.textValue());
            }
            return result;
        }
        for (JsonNode item : value) {
            result.add(item.asText());
        }
        return result;
    }
}
