package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The area, entity and device registries with the JSON shapes of Home Assistant 2023.6's
 * {@code config/*_registry/list} commands and the {@code *_registry_updated} events they fire.
 * Not thread-safe: {@link SimulatedHome} serialises all access.
 */
final class Registries {

    record Area(String id, String name) {
    }

    record Device(String id, String name, String manufacturer, String model, String areaId) {
    }

    record Entry(String id, String entityId, String platform, String originalName, String deviceId, String areaId) {
        Entry withArea(String newAreaId) {
            return new Entry(id, entityId, platform, originalName, deviceId, newAreaId);
        }
    }

    private final Map<String, Area> areas = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final HomeEventBus bus;

    Registries(HomeEventBus bus) {
        this.bus = bus;
    }

    void addArea(String areaId, String name) {
        if (areas.putIfAbsent(areaId, new Area(areaId, name)) != null) {
            throw new IllegalArgumentException("Area already exists: " + areaId);
        }
        fireAreaEvent("create", areaId);
    }

    /** Like Home Assistant: entities and devices in the area lose it first, then the area is removed. */
    void removeArea(String areaId) {
        if (!areas.containsKey(areaId)) {
            throw new IllegalArgumentException("Area ID doesn't exist: " + areaId);
        }
        for (Device device : List.copyOf(devices.values())) {
            if (areaId.equals(device.areaId())) {
                devices.put(device.id(), new Device(device.id(), device.name(), device.manufacturer(),
                    device.model(), null));
                fireChange("device_registry_updated", "device_id", device.id(), areaId);
            }
        }
        for (Entry entry : List.copyOf(entries.values())) {
            if (areaId.equals(entry.areaId())) {
                assignArea(entry.entityId(), null);
            }
        }
        areas.remove(areaId);
        fireAreaEvent("remove", areaId);
    }

    void assignArea(String entityId, String areaId) {
        Entry entry = entries.get(entityId);
        if (entry == null) {
            throw new IllegalArgumentException("Entity is not in the entity registry: " + entityId);
        }
        if (areaId != null && !areas.containsKey(areaId)) {
            throw new IllegalArgumentException("Area ID doesn't exist: " + areaId);
        }
        entries.put(entityId, entry.withArea(areaId));
        fireChange("entity_registry_updated", "entity_id", entityId, entry.areaId());
    }

    void addDevice(Device device) {
        devices.put(device.id(), device);
    }

    void register(String entityId, String platform, String originalName, String deviceId, String areaId) {
        String id = UUID.randomUUID().toString().replace("-", "");
        entries.put(entityId, new Entry(id, entityId, platform, originalName, deviceId, areaId));
        fireEntityEvent("create", entityId);
    }

    void unregister(String entityId) {
        if (entries.remove(entityId) != null) {
            fireEntityEvent("remove", entityId);
        }
    }

    /** The area an entity is in: its own, else its device's, as service targeting resolves it. */
    String areaOf(String entityId) {
        Entry entry = entries.get(entityId);
        if (entry == null) {
            return null;
        }
        if (entry.areaId() != null) {
            return entry.areaId();
        }
        Device device = entry.deviceId() == null ? null : devices.get(entry.deviceId());
        return device == null ? null : device.areaId();
    }

    String entityIdOf(String entryId) {
        for (Entry entry : entries.values()) {
            if (entry.id().equals(entryId)) {
                return entry.entityId();
            }
        }
        return null;
    }

    String deviceOf(String entityId) {
        Entry entry = entries.get(entityId);
        return entry == null ? null : entry.deviceId();
    }

    List<String> areaIds() {
        return new ArrayList<>(areas.keySet());
    }

    String areasJson() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Area area : areas.values()) {
            ObjectNode json = list.addObject();
            json.putArray("aliases");
            json.put("area_id", area.id()).put("name", area.name()).putNull("picture");
        }
        return Json.write(list);
    }

    String entitiesJson() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Entry entry : entries.values()) {
            list.addObject()
                .put("area_id", entry.areaId())
                .putNull("config_entry_id")
                .put("device_id", entry.deviceId())
                .putNull("disabled_by")
                .putNull("entity_category")
                .put("entity_id", entry.entityId())
                .put("has_entity_name", false)
                .putNull("hidden_by")
                .putNull("icon")
                .put("id", entry.id())
                .putNull("name")
                .put("original_name", entry.originalName())
                .put("platform", entry.platform())
                .putNull("translation_key")
                .put("unique_id", entry.entityId().replace('.', '_'));
        }
        return Json.write(list);
    }

    String devicesJson() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Device device : devices.values()) {
            ObjectNode json = list.addObject().put("area_id", device.areaId()).putNull("configuration_url");
            json.putArray("config_entries").add(device.id() + "_entry");
            json.putArray("connections");
            json.putNull("disabled_by").putNull("entry_type").putNull("hw_version").put("id", device.id());
            json.putArray("identifiers").addArray().add("simulator").add(device.id());
            json.put("manufacturer", device.manufacturer()).put("model", device.model())
                .putNull("name_by_user").put("name", device.name())
                .putNull("sw_version").putNull("via_device_id");
        }
        return Json.write(list);
    }

    /** An "update" event whose {@code changes} hold the old values, as Home Assistant reports them. */
    private void fireChange(String eventType, String idKey, String id, String oldAreaId) {
        ObjectNode data = Json.object().put("action", "update").put(idKey, id);
        data.putObject("changes").put("area_id", oldAreaId);
        fire(eventType, data);
    }

    private void fireAreaEvent(String action, String areaId) {
        fire("area_registry_updated", Json.object().put("action", action).put("area_id", areaId));
    }

    private void fireEntityEvent(String action, String entityId) {
        fire("entity_registry_updated", Json.object().put("action", action).put("entity_id", entityId));
    }

    private void fire(String eventType, ObjectNode data) {
        bus.fire(() -> HomeEvent.of(eventType, Json.write(data), "LOCAL", HaContext.system()));
    }
}
