package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A subscription a command opens, such as {@code subscribe_trigger}: Home Assistant answers the command with a result,
 * then sends an event with the command's id whenever something happens, until {@code unsubscribe_events}. The
 * connection sends the command again after every reconnect, for as long as the subscription stands.
 */
public final class HaCommandSubscription {

    /** Told on the connection's reader: both must hand on and return, never block. */
    public interface Listener {

        /** One event's {@code event} object, in the order Home Assistant sent them. */
        void onEvent(JsonNode event);

        /**
         * Home Assistant refused the command, or reported an error on its subscription; a refused command is sent
         * again at the next connect.
         */
        void onError(HaException error);
    }

    private final ObjectNode command;
    private final Listener listener;
    private volatile int haId = -1;

    HaCommandSubscription(ObjectNode command, Listener listener) {
        this.command = command;
        this.listener = listener;
    }

    /** A fresh copy of the command for one connection: the outbox writes its id into the message. */
    ObjectNode command() {
        return command.deepCopy();
    }

    /** The command's type, e.g. subscribe_trigger. */
    public String type() {
        return command.path("type").asText();
    }

    Listener listener() {
        return listener;
    }

    /** The id of the command on the current connection; -1 when not subscribed. */
    int haId() {
        return haId;
    }

    void bind(int id) {
        haId = id;
    }

    @Override
    public String toString() {
        return "HaCommandSubscription[" + type() + ", id=" + haId + "]";
    }
}
