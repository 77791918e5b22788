package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;

/**
 * POST /api/services/<domain>/<service>: the JSON body is the service data; the answer lists the states the
 * call changed, or with {@code ?return_response} wraps them with the service's response.
 */
final class RestServiceCall {

    private RestServiceCall() {
    }

    static void handle(Simulation sim, HttpServerRequest request, String domain, String service, String body) {
        sim.stats().serviceCallReceived();
        ObjectNode data;
        try {
            JsonNode parsed = body.isEmpty() ? null : Json.parse(body);
            if (parsed != null && !parsed.isNull() && !parsed.isObject()) {
                RestResponses.text(request, 400, "400: Bad Request");
                return;
            }
            data = parsed instanceof ObjectNode object ? object : Json.object();
        } catch (JsonProcessingException e) {
            RestResponses.message(request, 400, "Data should be valid JSON.");
            return;
        }
        boolean returnResponse = request.params().contains("return_response");
        ServiceCall call = new ServiceCall(domain, service, data, returnResponse, HaContext.ofOwner());
        ServiceOutcome outcome;
        try {
            outcome = sim.home().callService(call);
        } catch (ServiceException e) {
            answerFailure(request, e);
            return;
        }
        sim.stats().executed(true, outcome.executed());
        StringBuilder changed = new StringBuilder("[");
        for (EntityState state : outcome.changedStates()) {
            if (changed.length() > 1) {
                changed.append(',');
            }
            changed.append(state.json());
        }
        changed.append(']');
        if (returnResponse) {
            RestResponses.json(request, 200, "{\"changed_states\":" + changed + ",\"service_response\":"
                + Json.write(outcome.response()) + "}");
        } else {
            RestResponses.json(request, 200, changed.toString());
        }
    }

    /** The REST API words the response-request errors its own way; everything else is aiohttp's 400. */
    private static void answerFailure(HttpServerRequest request, ServiceException failure) {
        if ("service_does_not_support_response".equals(failure.translationKey())) {
            RestResponses.message(request, 400,
                "Service does not support responses. Remove return_response from request.");
        } else if ("service_lacks_response_request".equals(failure.translationKey())) {
            RestResponses.message(request, 400, "Service call requires responses but caller did not ask for "
                + "responses. Add ?return_response to query parameters.");
        } else {
            RestResponses.text(request, 400, "400: Bad Request");
        }
    }
}
