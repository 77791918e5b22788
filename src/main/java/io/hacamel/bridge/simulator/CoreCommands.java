package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ping, get_states, get_config, get_services, supported_features and fire_event. */
final class CoreCommands {

    private CoreCommands() {
    }

    static void register() {
        Commands.register("ping", Schema.strict(), CommandRequest::pong);
        Commands.register("get_states", Schema.strict(), request -> request.result(request.home().statesJson()));
        Commands.register("get_config", Schema.strict(), request ->
            request.result(CoreConfig.json(request.home(), request.simulation().options().haVersion())));
        Commands.register("get_services", Schema.strict(), request -> request.result(request.home().servicesJson()));
        Commands.register("supported_features",
            Schema.strict().required("features", Validators.mapOfInts()), CoreCommands::supportedFeatures);
        Commands.register("fire_event",
            Schema.strict().required("event_type", Validators.STR).optional("event_data", Validators.DICT),
            CoreCommands::fireEvent);
    }

    /** From here on the connection's queued messages may leave as one JSON array frame. */
    private static void supportedFeatures(CommandRequest request) {
        if (request.message().path("features").path("coalesce_messages").asInt(0) != 0) {
            request.session().enableCoalescing();
        }
        request.result("null");
    }

    /**
     * Fires the event with the connection user's context. {@code hass.bus.async_fire} marks it LOCAL, as the
     * automation transcript shows; only the REST API's POST /api/events fires REMOTE events.
     */
    private static void fireEvent(CommandRequest request) {
        HaContext context = HaContext.ofOwner();
        JsonNode data = request.message().get("event_data");
        request.home().fireEvent(request.message().get("event_type").textValue(),
            data == null ? null : (ObjectNode) data, "LOCAL", context);
        request.result("{\"context\":" + context.json() + "}");
    }
}
