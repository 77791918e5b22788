package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Sets a home up for the factories: services, areas, devices and entities, before anybody listens. */
final class HomeBuilder {

    /** A step run with the home's parts while its lock is held. */
    @FunctionalInterface
    interface Steps {
        void apply(StateMachine states, Registries registries, ServiceRegistry services);
    }

    private final SimulatedHome home;

    HomeBuilder(String locationName, List<String> components) {
        home = new SimulatedHome(locationName, components);
    }

    /** Registers the catalog services of these integration domains, in this order. */
    HomeBuilder services(String... domains) {
        home.build((states, registries, services) -> {
            for (String domain : domains) {
                services.registerDomain(domain);
            }
        });
        return this;
    }

    HomeBuilder area(String areaId, String name) {
        home.build((states, registries, services) -> registries.addArea(areaId, name));
        return this;
    }

    HomeBuilder device(String deviceId, String name, String manufacturer, String model, String areaId) {
        home.build((states, registries, services) ->
            registries.addDevice(new Registries.Device(deviceId, name, manufacturer, model, areaId)));
        return this;
    }

    /** An entity with a registry entry (optionally on a device and in an area) and its first state. */
    HomeBuilder entity(String entityId, String state, ObjectNode attributes, String deviceId, String areaId) {
        String domain = EntityState.domainOf(entityId);
        home.build((states, registries, services) -> {
            services.registerDomain(domain);
            registries.register(entityId, domain, attributes.path("friendly_name").asText(null), deviceId, areaId);
            states.set(entityId, state, attributes, false, HaContext.system());
        });
        return this;
    }

    /** A registered entity whose state is exactly as recorded, timestamps and context included. */
    HomeBuilder restored(String entityId, String state, ObjectNode attributes, String changedAt, String contextId) {
        EntityState restored = EntityState.of(entityId, state, attributes, changedAt, changedAt,
            new HaContext(contextId, null, null));
        home.build((states, registries, services) -> {
            registries.register(entityId, restored.domain(), attributes.path("friendly_name").asText(null), null,
                null);
            states.restore(restored);
        });
        return this;
    }

    HomeBuilder derived(DerivedEntity entity) {
        home.build((states, registries, services) -> states.addDerived(entity));
        return this;
    }

    SimulatedHome build() {
        return home;
    }
}
