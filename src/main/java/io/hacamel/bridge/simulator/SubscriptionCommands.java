package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** subscribe_events and unsubscribe_events. */
final class SubscriptionCommands {

    private SubscriptionCommands() {
    }

    static void register() {
        Commands.register("subscribe_events", Schema.strict().optional("event_type", Validators.STR),
            SubscriptionCommands::subscribe);
        Commands.register("unsubscribe_events", Schema.strict().required("subscription", Validators.POSITIVE_INT),
            SubscriptionCommands::unsubscribe);
    }

    /** Without event_type the subscription gets every event (MATCH_ALL). */
    private static void subscribe(CommandRequest request) {
        JsonNode eventType = request.message().get("event_type");
        request.session().subscribe(request.id(), eventType == null ? null : eventType.textValue(),
            () -> request.result("null"));
    }

    private static void unsubscribe(CommandRequest request) {
        long subscription = request.message().get("subscription").asLong();
        if (request.session().unsubscribe(subscription)) {
            request.result("null");
        } else {
            request.error("not_found", "Subscription not found.");
        }
    }
}
