package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * call_service. The service runs before the result is queued, so the state_changed events it causes reach the
 * client first, as the transcript shows.
 */
final class CallServiceCommand {

    private CallServiceCommand() {
    }

    static void register() {
        Commands.register("call_service", Schema.strict()
            .required("domain", Validators.STR)
            .required("service", Validators.STR)
            .optional("target", Validators.TARGET.nested())
            .optional("service_data", Validators.DICT)
            .optional("return_response", Validators.BOOL), CallServiceCommand::handle);
    }

    private static void handle(CommandRequest request) {
        request.simulation().stats().serviceCallReceived();
        ActiveFaults.CallFailure failure = request.simulation().faults().takeFailure();
        if (failure != null) {
            request.error(failure.code(), failure.message());
            return;
        }
        ObjectNode message = request.message();
        boolean returnResponse = message.path("return_response").asBoolean(false);
        ServiceCall call = new ServiceCall(message.get("domain").textValue(), message.get("service").textValue(),
            serviceData(message), returnResponse, HaContext.ofOwner());
        try {
            ServiceOutcome outcome = request.home().callService(call);
            request.simulation().stats().executed(false, outcome.executed());
            StringBuilder result = new StringBuilder("{\"context\":").append(call.context().json());
            if (returnResponse) {
                result.append(",\"response\":").append(Json.write(outcome.response()));
            }
            request.result(result.append('}').toString());
        } catch (ServiceException e) {
            request.error(e);
        }
    }

    /** service_data with the target merged in, as {@code ServiceRegistry.async_call} does. */
    static ObjectNode serviceData(ObjectNode message) {
        JsonNode data = message.get("service_data");
        ObjectNode merged = data == null ? Json.object() : ((ObjectNode) data).deepCopy();
        JsonNode target = message.get("target");
        if (target != null) {
            merged.setAll((ObjectNode) target.deepCopy());
        }
        return merged;
    }
}
