package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a service call did: its response (null unless asked for), every {@code domain.service} that ran (nested
 * calls included) and the states it changed, in order, as the REST API reports them.
 */
record ServiceOutcome(JsonNode response, List<String> executed, List<EntityState> changedStates) {
}
