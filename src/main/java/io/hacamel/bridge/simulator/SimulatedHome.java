package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated home: entity states, registries and services, safe to use from any thread. Every change fires the
 * events Home Assistant would fire to the connections subscribed to them; all changes are serialised, so every
 * connection sees the same order.
 */
public final class SimulatedHome {

    private final Object lock = new Object();
    private final HomeEventBus bus = new HomeEventBus();
    private final StateMachine states = new StateMachine(bus);
    private final Registries registries = new Registries(bus);
    private final ServiceRegistry services = new ServiceRegistry(bus);
    private final String locationName;
    private final List<String> components;

    SimulatedHome(String locationName, List<String> components) {
        this.locationName = locationName;
        this.components = List.copyOf(components);
    }

    /** Exactly the six entities of the recorded Home Assistant 2023.6.3 session, with their timestamps. */
    public static SimulatedHome transcript() {
        return TranscriptHome.create();
    }

    /** A few dozen realistic entities in a living room, kitchen, bedroom, hallway and garage. */
    public static SimulatedHome demo() {
        return DemoHome.create();
    }

    /** {@code count} entities across realistic domains, about 0.5 KB a state, the same for the same seed. */
    public static SimulatedHome generated(int count, long seed) {
        return GeneratedHome.create(count, seed);
    }

    /** The entity's state object as Home Assistant serialises it, or null when there is no such entity. */
    public ObjectNode state(String entityId) {
        EntityState state;
        synchronized (lock) {
            state = states.get(entityId);
        }
        return state == null ? null : state.toObjectNode();
    }

    public List<ObjectNode> states() {
        List<EntityState> snapshot;
        synchronized (lock) {
            snapshot = new ArrayList<>(states.all());
        }
        List<ObjectNode> result = new ArrayList<>(snapshot.size());
        snapshot.forEach(state -> result.add(state.toObjectNode()));
        return result;
    }

    public List<String> entityIds() {
        synchronized (lock) {
            return states.all().stream().map(EntityState::entityId).toList();
        }
    }

    public int size() {
        synchronized (lock) {
            return states.size();
        }
    }

    /**
     * Changes an entity's state and keeps its attributes.
     *
     * @return whether anything changed (and state_changed was fired)
     */
    public boolean setState(String entityId, String state) {
        synchronized (lock) {
            EntityState current = states.get(entityId);
            ObjectNode attributes = current == null ? Json.object() : current.attributes();
            return states.set(entityId, state, attributes, false, HaContext.system()) != null;
        }
    }

    /**
     * {@code hass.states.async_set}: sets state and attributes (null means none), creating the state if needed.
     * Identical state and attributes fire nothing, as in Home Assistant 2023.6.
     *
     * @return whether anything changed (and state_changed was fired)
     */
    public boolean setState(String entityId, String state, ObjectNode attributes) {
        synchronized (lock) {
            ObjectNode own = attributes == null ? Json.object() : attributes;
            return states.set(entityId, state, own, false, HaContext.system()) != null;
        }
    }

    /**
     * Adds an entity the way an integration does: an entity registry entry (entity_registry_updated "create"),
     * then its first state (state_changed with old_state null). Its domain's services get registered if needed.
     */
    public void addEntity(String entityId, String state, ObjectNode attributes) {
        if (!Validators.isEntityId(entityId)) {
            throw new IllegalArgumentException("Invalid entity id: " + entityId);
        }
        synchronized (lock) {
            if (states.get(entityId) != null) {
                throw new IllegalArgumentException("Entity already exists: " + entityId);
            }
            ObjectNode own = attributes == null ? Json.object() : attributes;
            services.registerDomain(EntityState.domainOf(entityId));
            registries.register(entityId, EntityState.domainOf(entityId), own.path("friendly_name").asText(null),
                null, null);
            states.set(entityId, state, own, false, HaContext.system());
        }
    }

    /** Removes an entity: state_changed with new_state null, then entity_registry_updated "remove". */
    public boolean removeEntity(String entityId) {
        synchronized (lock) {
            boolean removed = states.remove(entityId, HaContext.system());
            registries.unregister(entityId);
            return removed;
        }
    }

    public void addArea(String areaId, String name) {
        synchronized (lock) {
            registries.addArea(areaId, name);
        }
    }

    public void removeArea(String areaId) {
        synchronized (lock) {
            registries.removeArea(areaId);
        }
    }

    /** Puts a registered entity in an area, or in none when {@code areaId} is null. */
    public void assignArea(String entityId, String areaId) {
        synchronized (lock) {
            registries.assignArea(entityId, areaId);
        }
    }

    public List<String> areaIds() {
        synchronized (lock) {
            return registries.areaIds();
        }
    }

    /** Registers a service (service_registered); one the simulator has no behaviour for succeeds and does nothing. */
    public void registerService(String domain, String service) {
        synchronized (lock) {
            services.register(domain, service);
        }
    }

    public boolean removeService(String domain, String service) {
        synchronized (lock) {
            return services.remove(domain, service);
        }
    }

    /** Fires a custom event, as {@code hass.bus.async_fire} does. */
    public void fireEvent(String eventType, ObjectNode data) {
        fireEvent(eventType, data, "LOCAL", HaContext.system());
    }

    // ---- for the simulator's server, package-private ----

    void fireEvent(String eventType, ObjectNode data, String origin, HaContext context) {
        String json = Json.write(data == null ? Json.object() : data);
        synchronized (lock) {
            bus.fire(HomeEvent.of(eventType, json, origin, context));
        }
    }

    /** Starts listening and runs {@code first} before any further event, so it comes before them all. */
    Runnable listen(HomeEventBus.Listener listener, Runnable first) {
        synchronized (lock) {
            Runnable cancel = bus.listen(listener);
            first.run();
            return cancel;
        }
    }

    /** How many subscriptions listen to the home's events (subscribe_events, triggers, templates). */
    int listenerCount() {
        return bus.size();
    }

    /** Runs {@code action} with the home locked: no change and no event happens meanwhile. */
    void atomically(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    EntityState entityState(String entityId) {
        synchronized (lock) {
            return states.get(entityId);
        }
    }

    /** The entity id of an entity registry entry's id (the UUIDs automations may name entities by), or null. */
    String entityIdOfRegistryEntry(String entryId) {
        synchronized (lock) {
            return registries.entityIdOf(entryId);
        }
    }

    String statesJson() {
        synchronized (lock) {
            return states.allJson();
        }
    }

    /** The state's JSON, or null. */
    String stateJson(String entityId) {
        synchronized (lock) {
            EntityState state = states.get(entityId);
            return state == null ? null : state.json();
        }
    }

    /** Writes a state on a client's behalf (REST); returns the resulting state's JSON. */
    String writeState(String entityId, String state, ObjectNode attributes, boolean forceUpdate,
                      HaContext context) {
        synchronized (lock) {
            states.set(entityId, state, attributes == null ? Json.object() : attributes, forceUpdate, context);
            return states.get(entityId).json();
        }
    }

    ServiceOutcome callService(ServiceCall call) throws ServiceException {
        synchronized (lock) {
            return new ServiceExecutor(states, registries, services, bus).run(call);
        }
    }

    String servicesJson() {
        synchronized (lock) {
            return services.descriptionsJson();
        }
    }

    String restServicesJson() {
        synchronized (lock) {
            return services.restJson();
        }
    }

    String areasJson() {
        synchronized (lock) {
            return registries.areasJson();
        }
    }

    String entityRegistryJson() {
        synchronized (lock) {
            return registries.entitiesJson();
        }
    }

    String devicesJson() {
        synchronized (lock) {
            return registries.devicesJson();
        }
    }

    String locationName() {
        return locationName;
    }

    List<String> components() {
        return components;
    }

    /** Runs {@code build} with the home's parts, for the factories that set a home up. */
    void build(HomeBuilder.Steps build) {
        synchronized (lock) {
            build.apply(states, registries, services);
        }
    }
}
