package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A service call as Home Assistant's service registry receives it: service data with the target merged in. */
record ServiceCall(String domain, String service, ObjectNode data, boolean returnResponse, HaContext context) {

    String name() {
        return domain + "." + service;
    }
}
