package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each message Home Assistant sends to where it belongs: a {@code result} or {@code pong} to the request it
 * answers, an {@code event} to every listener of its subscription (after noting state changes in the mirror) or to the
 * command that opened it (a trigger, a template). Runs on the reader.
 */
final class MessageRouter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final PendingRequests pending;
    private final Subscriptions subscriptions;
    private final CommandSubscriptions commands;
    private final StateMirror mirror;
    private final HaConnectionStats stats;

    MessageRouter(PendingRequests pending, Subscriptions subscriptions, CommandSubscriptions commands,
            StateMirror mirror, HaConnectionStats stats) {
        this.pending = pending;
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.mirror = mirror;
        this.stats = stats;
    }

    void route(JsonNode message) {
        stats.messagesReceived.increment();
        int id = message.path("id").asInt(-1);
        String type = message.get("type").asText();
        switch (type) {
            case "event" -> routeEvent(id, message);
            case "result", "pong" -> {
                if (!pending.answer(id, message) && !commands.error(id, message)) {
                    LOG.debug("Answer to an unknown or timed-out request id {} ignored", id);
                }
            }
            default -> LOG.debug("Ignoring a '{}' message from Home Assistant", type);
        }
    }

    void malformed(String frameExcerpt, Exception cause) {
        stats.malformedFrames.increment();
        LOG.warn("Skipped a malformed frame from Home Assistant{}: {}",
                cause == null ? "" : " (" + HaSocket.describe(cause) + ")", frameExcerpt);
    }

    /** Hands an event to a subscriber; a failing subscriber loses that event but never stops the reader. */
    static void deliver(HaSubscription subscription, HaEvent event) {
        try {
            subscription.listener().onEvent(event);
        } catch (RuntimeException e) {
            LOG.error("Event listener of {} failed on a {} event; the event is skipped", subscription, event.eventType(), e);
        }
    }

    /** An event read from its tokens (see {@link EventScan}): no tree is made here. */
    void routeEvent(int subscriptionId, HaEvent event) {
        stats.messagesReceived.increment();
        stats.eventsReceived.increment();
        deliver(subscriptionId, event);
    }

    private void routeEvent(int subscriptionId, JsonNode message) {
        JsonNode event = message.get("event");
        if (event == null || !event.isObject()) {
            malformed(message.toString(), null);
            return;
        }
        stats.eventsReceived.increment();
        deliver(subscriptionId, HaEvent.fromHomeAssistant(event));
    }

    private void deliver(int subscriptionId, HaEvent event) {
        SharedSubscription subscription = subscriptions.byId(subscriptionId);
        if (subscription == null) {
            if (commands.event(subscriptionId, event.event())) {
                return;
            }
            LOG.debug("Event for subscription {} which is no longer wanted", subscriptionId);
            return;
        }
        // a malformed change is skipped by the consumer: the mirror must not take it either
        if (HaEvent.STATE_CHANGED.equals(event.eventType()) && event.defect() == null) {
            mirror.apply(event);
        }
        subscription.deliver(event);
    }
}
