package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Home Assistant's REST API on the websocket's port: status, config, states, services and events, with
 * aiohttp's plain-text errors ({@code 401: Unauthorized}, {@code 400: Bad Request}, {@code 404: Not Found}).
 */
final class RestApi {

    private static final String STATES = "/api/states/";
    private static final String SERVICES = "/api/services/";
    private static final String EVENTS = "/api/events/";

    private final Simulation sim;

    RestApi(Simulation sim) {
        this.sim = sim;
    }

    void handle(HttpServerRequest request) {
        sim.stats().restRequest();
        if (sim.faults().restHang()) {
            return; // the "REST never answers" fault: the request stays open until the client gives up
        }
        if (sim.faults().restDown()) {
            RestResponses.text(request, 500, "500: Internal Server Error");
            return;
        }
        String path = request.path();
        if (!isKnownPath(path)) {
            RestResponses.text(request, 404, "404: Not Found");
            return;
        }
        if (!authorized(request)) {
            RestResponses.text(request, 401, "401: Unauthorized");
            return;
        }
        request.body().onSuccess(body -> route(request, path, body.toString()));
    }

    private boolean authorized(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") && sim.tokens().accepts(header.substring(7));
    }

    private static boolean isKnownPath(String path) {
        return path.equals("/api/") || path.equals("/api/config") || path.equals("/api/states")
            || path.equals("/api/services") || path.startsWith(STATES) || path.startsWith(EVENTS)
            || path.startsWith(SERVICES) && path.substring(SERVICES.length()).split("/").length == 2;
    }

    private void route(HttpServerRequest request, String path, String body) {
        HttpMethod method = request.method();
        SimulatedHome home = sim.home();
        if (path.equals("/api/") && method == HttpMethod.GET) {
            RestResponses.message(request, 200, "API running.");
        } else if (path.equals("/api/config") && method == HttpMethod.GET) {
            RestResponses.json(request, 200, CoreConfig.json(home, sim.options().haVersion()));
        } else if (path.equals("/api/states") && method == HttpMethod.GET) {
            RestResponses.json(request, 200, home.statesJson());
        } else if (path.equals("/api/services") && method == HttpMethod.GET) {
            RestResponses.json(request, 200, home.restServicesJson());
        } else if (path.startsWith(STATES)) {
            entityState(request, method, path.substring(STATES.length()), body);
        } else if (path.startsWith(SERVICES) && method == HttpMethod.POST) {
            String[] parts = path.substring(SERVICES.length()).split("/");
            RestServiceCall.handle(sim, request, parts[0], parts[1], body);
        } else if (path.startsWith(EVENTS) && method == HttpMethod.POST) {
            fireEvent(request, path.substring(EVENTS.length()), body);
        } else {
            RestResponses.text(request, 405, "405: Method Not Allowed");
        }
    }

    private void entityState(HttpServerRequest request, HttpMethod method, String entityId, String body) {
        SimulatedHome home = sim.home();
        if (method == HttpMethod.GET) {
            String state = home.stateJson(entityId);
            if (state == null) {
                RestResponses.message(request, 404, "Entity not found.");
            } else {
                RestResponses.json(request, 200, state);
            }
        } else if (method == HttpMethod.POST) {
            writeState(request, entityId, body);
        } else if (method == HttpMethod.DELETE) {
            if (home.removeEntity(entityId)) {
                RestResponses.message(request, 200, "Entity removed.");
            } else {
                RestResponses.message(request, 404, "Entity not found.");
            }
        } else {
            RestResponses.text(request, 405, "405: Method Not Allowed");
        }
    }

    /** POST /api/states/<id>: 201 and a Location header for a new entity, 200 for an update. */
    private void writeState(HttpServerRequest request, String entityId, String body) {
        if (!Validators.isEntityId(entityId)) {
            RestResponses.message(request, 400, "Invalid entity ID specified.");
            return;
        }
        JsonNode data;
        try {
            data = Json.parse(body);
        } catch (JsonProcessingException e) {
            RestResponses.message(request, 400, "Invalid JSON specified.");
            return;
        }
        JsonNode state = data.get("state");
        if (state == null || state.isNull()) {
            RestResponses.message(request, 400, "No state specified.");
            return;
        }
        JsonNode attributes = data.get("attributes");
        boolean isNew = sim.home().stateJson(entityId) == null;
        String written = sim.home().writeState(entityId, state.asText(),
            attributes instanceof ObjectNode object ? object : null,
            data.path("force_update").asBoolean(false), HaContext.ofOwner());
        request.response().putHeader("Location", "/api/states/" + entityId);
        RestResponses.json(request, isNew ? 201 : 200, written);
    }

    /** POST /api/events/<type>: fired with a remote origin, as Home Assistant marks REST events. */
    private void fireEvent(HttpServerRequest request, String eventType, String body) {
        JsonNode data = null;
        if (!body.isEmpty()) {
            try {
                data = Json.parse(body);
            } catch (JsonProcessingException e) {
                RestResponses.message(request, 400, "Event data should be valid JSON.");
                return;
            }
        }
        if (data != null && !data.isNull() && !data.isObject()) {
            RestResponses.message(request, 400, "Event data should be a JSON object");
            return;
        }
        sim.home().fireEvent(eventType, data instanceof ObjectNode object ? object : null, "REMOTE",
            HaContext.ofOwner());
        RestResponses.message(request, 200, "Event " + eventType + " fired.");
    }
}
