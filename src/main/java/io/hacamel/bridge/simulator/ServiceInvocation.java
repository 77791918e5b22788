package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One running service call as its handler sees it: the call, the entities it targets, and a way to change them. */
final class ServiceInvocation {

    private final ServiceExecutor executor;
    private final ServiceCall call;
    private final List<String> targets;
    private final StateMachine states;

    ServiceInvocation(ServiceExecutor executor, ServiceCall call, List<String> targets, StateMachine states) {
        this.executor = executor;
        this.call = call;
        this.targets = targets;
        this.states = states;
    }

    ServiceCall call() {
        return call;
    }

    /** The existing entities of the service's own domain the call targets. */
    List<String> targets() {
        return targets;
    }

    /** Every existing entity the call targets, whatever its domain (for the generic homeassistant services). */
    List<String> targetsOfAnyDomain() {
        return executor.resolveTargets(call.data(), null);
    }

    JsonNode field(String name) {
        return call.data().get(name);
    }

    StateMachine states() {
        return states;
    }

    EntityState state(String entityId) {
        return states.get(entityId);
    }

    /** Writes a state with the call's context, keeping the entity's attributes. */
    void setState(String entityId, String state) {
        setState(entityId, state, states.get(entityId).attributes());
    }

    void setState(String entityId, String state, ObjectNode attributes) {
        states.set(entityId, state, attributes, false, call.context());
    }

    /** Calls another service with this call's context, as {@code homeassistant.turn_on} does per domain. */
    void callService(String domain, String service, ObjectNode data) throws ServiceException {
        executor.execute(new ServiceCall(domain, service, data, false, call.context()));
    }

    boolean hasService(String domain, String service) {
        return executor.hasService(domain, service);
    }
}
