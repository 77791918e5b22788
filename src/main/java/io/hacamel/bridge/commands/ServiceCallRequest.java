package io.hacamel.bridge.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One checked service call: everything in it has been validated (see {@link ServiceCallParser}), so it can be sent
 * to Home Assistant as it is.
 *
 * @param serviceData   the service's data, or null
 * @param target        entity_id / device_id / area_id / floor_id / label_id, or null
 * @param correlationId the caller's id for this call (text or number), echoed in the answer; or null
 */
public record ServiceCallRequest(String domain, String service, ObjectNode serviceData, ObjectNode target,
        boolean returnResponse, JsonNode correlationId) {

    /** {@code light.turn_on}. */
    public String name() {
        return domain + "." + service;
    }

    /** The body for {@code homeassistant:call-service}: the call's fields, the domain and service go in headers. */
    public ObjectNode websocketBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("service_data", serviceData);
        body.set("target", target);
        body.put("return_response", returnResponse);
        return body;
    }

    /**
     * The body for {@code POST /api/services/<domain>/<service>}: the service data with the target's fields merged in,
     * which is how Home Assistant itself merges a target into the data.
     */
    public ObjectNode restBody() {
        ObjectNode body = serviceData == null ? JsonNodeFactory.instance.objectNode() : serviceData.deepCopy();
        if (target != null) {
            body.setAll(target.deepCopy());
        }
        return body;
    }
}
