package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The service descriptions the simulator knows: those Home Assistant 2023.6.3 returned in the transcript, plus
 * descriptions in the same shape for the other domains of the demo homes.
 */
final class ServiceCatalog {

    private static final ObjectNode DESCRIPTIONS = load();

    private ServiceCatalog() {
    }

    static List<String> servicesOf(String domain) {
        List<String> names = new ArrayList<>();
        JsonNode services = DESCRIPTIONS.get(domain);
        if (services != null) {
            Iterator<String> it = services.fieldNames();
            it.forEachRemaining(names::add);
        }
        return names;
    }

    /** A private copy of the description, or null when the catalog has none. */
    static ObjectNode description(String domain, String service) {
        JsonNode description = DESCRIPTIONS.path(domain).get(service);
        return description == null ? null : (ObjectNode) description.deepCopy();
    }

    private static ObjectNode load() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream("service-descriptions.json")) {
            if (in == null) {
                throw new IllegalStateException("service-descriptions.json is missing from the classpath");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
