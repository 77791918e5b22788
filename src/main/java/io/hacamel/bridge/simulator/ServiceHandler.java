package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** What a simulated service does to the home; returns its service response, or null when it has none. */
@FunctionalInterface
interface ServiceHandler {

    JsonNode handle(ServiceInvocation invocation) throws ServiceException;
}
