package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services that exist in the home, in registration order, with their descriptions and schemas, and the
 * service_registered / service_removed events Home Assistant fires. Not thread-safe: {@link SimulatedHome}
 * serialises all access.
 */
final class ServiceRegistry {

    /** {@code homeassistant.core.SupportsResponse}, read from the description's {@code response} entry. */
    enum ResponseSupport { NONE, OPTIONAL, ONLY }

    record Service(String domain, String name, ObjectNode description, ResponseSupport responses, Schema schema) {
    }

    private final Map<String, Map<String, Service>> domains = new LinkedHashMap<>();
    private final HomeEventBus bus;

    ServiceRegistry(HomeEventBus bus) {
        this.bus = bus;
    }

    /** Registers every catalog service of an integration's domain that is not there yet. */
    void registerDomain(String domain) {
        for (String service : ServiceCatalog.servicesOf(domain)) {
            if (find(domain, service) == null) {
                register(domain, service);
            }
        }
    }

    void register(String domain, String service) {
        ObjectNode description = ServiceCatalog.description(domain, service);
        if (description == null) {
            // Home Assistant's description of a service without a services.yaml entry
            description = Json.object().put("name", "").put("description", "");
            description.putObject("fields");
        }
        Service entry = new Service(domain, service, description, responseSupport(description),
            ServiceSchemas.forService(domain, description));
        domains.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(service, entry);
        fire("service_registered", domain, service);
    }

    boolean remove(String domain, String service) {
        Map<String, Service> services = domains.get(domain);
        if (services == null || services.remove(service) == null) {
            return false;
        }
        if (services.isEmpty()) {
            domains.remove(domain);
        }
        fire("service_removed", domain, service);
        return true;
    }

    Service find(String domain, String service) {
        Map<String, Service> services = domains.get(domain);
        return services == null ? null : services.get(service);
    }

    /** get_services' result: {domain: {service: description}}. */
    String descriptionsJson() {
        ObjectNode all = Json.object();
        domains.forEach((domain, services) -> {
            ObjectNode perDomain = all.putObject(domain);
            services.forEach((name, service) -> perDomain.set(name, service.description()));
        });
        return Json.write(all);
    }

    /** GET /api/services: [{"domain":..,"services":{..}}]. */
    String restJson() {
        ArrayNode all = Json.MAPPER.createArrayNode();
        domains.forEach((domain, services) -> {
            ObjectNode perDomain = all.addObject().put("domain", domain).putObject("services");
            services.forEach((name, service) -> perDomain.set(name, service.description()));
        });
        return Json.write(all);
    }

    private void fire(String eventType, String domain, String service) {
        bus.fire(() -> HomeEvent.of(eventType, Json.write(Json.object().put("domain", domain).put("service", service)),
            "LOCAL", HaContext.system()));
    }

    /** How a description declares responses: no {@code response} entry, or {@code {"optional": bool}}. */
    private static ResponseSupport responseSupport(ObjectNode description) {
        if (!description.has("response")) {
            return ResponseSupport.NONE;
        }
        return description.path("response").path("optional").asBoolean(false)
            ? ResponseSupport.OPTIONAL : ResponseSupport.ONLY;
    }
}
