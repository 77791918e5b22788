package io.hacamel.bridge.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Which Home Assistant area each entity is in, from the area, device and entity registries (route
 * hub-load-registries). As in Home Assistant, an entity without an area of its own is in its device's area. Each load
 * replaces the whole index at once and reports the entities that changed area.
 */
public final class AreaIndex {

    /** An entity that joined, left or changed area; null stands for no area. */
    record Move(String entityId, String oldAreaId, String newAreaId) {
    }

    private record Snapshot(Map<String, String> areaNames, Map<String, String> entityAreas, boolean loaded) {
    }

    private volatile Snapshot current = new Snapshot(Map.of(), Map.of(), false);
    private volatile Consumer<List<Move>> listener = moves -> { };
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong failedLoads = new AtomicLong();

    void onMoves(Consumer<List<Move>> listener) {
        this.listener = listener;
    }

    /** For the route: the answers of config/area_registry/list, device_registry/list and entity_registry/list. */
    public void load(@Variable("areas") JsonNode areas, @Variable("devices") JsonNode devices,
            @Body JsonNode entities) {
        Map<String, String> areaNames = new LinkedHashMap<>();
        areas.forEach(area -> areaNames.put(area.path("area_id").asText(), area.path("name").asText()));
        Map<String, String> deviceAreas = new HashMap<>();
        devices.forEach(device -> deviceAreas.put(device.path("id").asText(), textOrNull(device.get("area_id"))));
        Map<String, String> entityAreas = new HashMap<>();
        for (JsonNode entity : entities) {
            String areaId = textOrNull(entity.get("area_id"));
            if (areaId == null) {
                areaId = deviceAreas.get(textOrNull(entity.get("device_id")));
            }
            if (areaId != null) {
                entityAreas.put(entity.path("entity_id").asText(), areaId);
            }
        }
        Snapshot previous = current;
        current = new Snapshot(Collections.unmodifiableMap(areaNames), Map.copyOf(entityAreas), true);
        loads.incrementAndGet();
        List<Move> moves = moves(previous.entityAreas(), entityAreas);
        if (!moves.isEmpty()) {
            listener.accept(moves);
        }
    }

    /** For the route: a load that failed even after its retries. */
    public void loadFailed() {
        failedLoads.incrementAndGet();
    }

    boolean isLoaded() {
        return current.loaded();
    }

    /** The entity's area id, or null. */
    String areaOf(String entityId) {
        return current.entityAreas().get(entityId);
    }

    /** The id of the area with this id or (ignoring case) name, or null when there is none. */
    String resolve(String idOrName) {
        Map<String, String> names = current.areaNames();
        if (names.containsKey(idOrName)) {
            return idOrName;
        }
        return names.entrySet().stream().filter(area -> area.getValue().equalsIgnoreCase(idOrName))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Area id to name, in Home Assistant's order. */
    Map<String, String> areas() {
        return current.areaNames();
    }

    /** Every entity with an area, to its area id. */
    Map<String, String> entityAreas() {
        return current.entityAreas();
    }

    long loads() {
        return loads.get();
    }

    long failedLoads() {
        return failedLoads.get();
    }

    private static List<Move> moves(Map<String, String> before, Map<String, String> after) {
        Set<String> entities = new HashSet<>(before.keySet());
        entities.addAll(after.keySet());
        List<Move> moves = new ArrayList<>();
        for (String entityId : entities) {
            String oldAreaId = before.get(entityId);
            String newAreaId = after.get(entityId);
            if (!Objects.equals(oldAreaId, newAreaId)) {
                moves.add(new Move(entityId, oldAreaId, newAreaId));
            }
        }
        return moves;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
