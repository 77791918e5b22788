package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one service call the way {@code ServiceRegistry.async_call} does: look the service up, check the response
 * request, validate the data, fire call_service, then let the service's handler change the home. One executor per
 * top-level call; it records the nested calls and the states the call changed.
 */
final class ServiceExecutor {

    private final StateMachine states;
    private final Registries registries;
    private final ServiceRegistry services;
    private final HomeEventBus bus;
    private final List<String> executed = new ArrayList<>();

    ServiceExecutor(StateMachine states, Registries registries, ServiceRegistry services, HomeEventBus bus) {
        this.states = states;
        this.registries = registries;
        this.services = services;
        this.bus = bus;
    }

    ServiceOutcome run(ServiceCall call) throws ServiceException {
        List<EntityState> changed = new ArrayList<>();
        String contextId = call.context().id();
        Runnable stopTracking = bus.listen(event -> {
            if (event.newState() != null && event.context().id().equals(contextId)) {
                changed.add(event.newState());
            }
        });
        try {
            JsonNode response = execute(call);
            return new ServiceOutcome(response, List.copyOf(executed), changed);
        } finally {
            stopTracking.run();
        }
    }

    JsonNode execute(ServiceCall call) throws ServiceException {
        ServiceRegistry.Service service = services.find(call.domain(), call.service());
        if (service == null) {
            throw ServiceException.notFound();
        }
        checkResponseRequest(call, service);
        List<Invalid> errors = service.schema().validate(call.data());
        if (!errors.isEmpty()) {
            throw ServiceException.invalidFormat(errors.get(0).toString());
        }
        fireCallServiceEvent(call);
        executed.add(call.name());
        ServiceHandler handler = ServiceBehaviours.handlerFor(call.domain(), call.service());
        JsonNode response = null;
        if (handler != null) {
            response = handler.handle(new ServiceInvocation(this, call, resolveTargets(call.data(), call.domain()),
                states));
        }
        if (!call.returnResponse()) {
            return null;
        }
        return response == null ? NullNode.getInstance() : response;
    }

    List<String> resolveTargets(ObjectNode data, String domain) {
        return TargetResolver.resolve(data, domain, states, registries);
    }

    boolean hasService(String domain, String service) {
        return services.find(domain, service) != null;
    }

    private static void checkResponseRequest(ServiceCall call, ServiceRegistry.Service service)
        throws ServiceException {
        if (call.returnResponse() && service.responses() == ServiceRegistry.ResponseSupport.NONE) {
            throw ServiceException.validation("service_does_not_support_response",
                "An action which does not return responses can't be called with return_response=True");
        }
        if (!call.returnResponse() && service.responses() == ServiceRegistry.ResponseSupport.ONLY) {
            throw ServiceException.validation("service_lacks_response_request",
                "The action requires responses and must be called with return_response=True");
        }
    }

    private void fireCallServiceEvent(ServiceCall call) {
        ObjectNode data = Json.object().put("domain", call.domain()).put("service", call.service());
        data.set("service_data", call.data());
        bus.fire(HomeEvent.of("call_service", Json.write(data), "LOCAL", call.context()));
    }
}
