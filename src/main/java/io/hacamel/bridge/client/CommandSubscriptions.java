package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions commands open ({@code subscribe_trigger}, {@code render_template}), by the id of their command:
 * standing ones, sent again on every connect, and ones that end at their first event. The reader hands them their
 * events and late errors; standing ones come and go on the connection's context. Nothing here is on the path of
 * {@code subscribe_events}' events.
 */
final class CommandSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSubscriptions.class);

    private final Outbox outbox;
    private final Vertx vertx;
    /** Written by whichever thread sends a command (the id is bound before the frame is written), read by the reader. */
    private final Map<Integer, HaCommandSubscription.Listener> byId = new ConcurrentHashMap<>();
    private final List<HaCommandSubscription> standing = new ArrayList<>(); // the context's only

    CommandSubscriptions(Outbox outbox, Vertx vertx) {
        this.outbox = outbox;
        this.vertx = vertx;
    }

    /** A new standing subscription; subscribed at once when {@code target} (the connected socket) is not null. */
    void add(HaCommandSubscription subscription, HaSocket target, Duration timeout) {
        standing.add(subscription);
        if (target != null) {
            subscribeOn(target, subscription, timeout);
        }
    }

    /** Ends a standing subscription: unsubscribe_events when it is subscribed on the connected socket. */
    void remove(HaCommandSubscription subscription, HaSocket target, Duration timeout) {
        if (!standing.remove(subscription)) {
            return;
        }
        int id = subscription.haId();
        subscription.bind(-1);
        if (id >= 0) {
            byId.remove(id);
            if (target != null) {
                unsubscribe(target, id, timeout);
            }
        }
    }

    /** After a connect: every standing subscription again, with new ids. */
    void subscribeAll(HaSocket target, Duration timeout) {
        for (HaCommandSubscription subscription : standing) {
            subscribeOn(target, subscription, timeout);
        }
    }

    /** The ids died with the connection; a first event awaited fails with the connection's error. */
    void connectionLost(HaException error) {
        standing.forEach(subscription -> subscription.bind(-1));
        for (HaCommandSubscription.Listener listener : byId.values()) {
            if (listener instanceof FirstEvent first) {
                first.onError(error);
            }
        }
        byId.clear();
    }

    /** An event for a command's subscription (on the reader); false when no command has that id. */
    boolean event(int id, JsonNode event) {
        HaCommandSubscription.Listener listener = byId.get(id);
        if (listener == null) {
            return false;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.error("Listener of command subscription {} failed on an event; the event is skipped", id, e);
        }
        return true;
    }

    /** A result after the command's own: an error Home Assistant reports on the subscription (on the reader). */
    boolean error(int id, JsonNode message) {
        HaCommandSubscription.Listener listener = byId.get(id);
        if (listener == null || message.path("success").asBoolean(true)) {
            return false;
        }
        JsonNode error = message.path("error");
        listener.onError(HaException.fromHomeAssistant(error.path("code").asText("unknown_error"),
                error.path("message").asText("(no message)")));
        return true;
    }

    /**
     * Sends a command that answers with events and completes with the first one, ending the subscription at once.
     * The timeout covers the result and the event.
     */
    CompletableFuture<JsonNode> firstEvent(HaSocket target, ObjectNode command, Duration timeout) {
        FirstEvent first = new FirstEvent(target, command.path("type").asText(), timeout);
        first.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), t -> first.timedOut());
        first.answer.whenComplete((event, error) -> vertx.cancelTimer(first.timer));
        outbox.send(target, command, timeout, id -> {
            first.id = id;
            byId.put(id, first);
        }).whenComplete((result, error) -> first.answered(error));
        return first.answer;
    }

    private void subscribeOn(HaSocket target, HaCommandSubscription subscription, Duration timeout) {
        int[] boundId = {-1};
        outbox.send(target, subscription.command(), timeout, id -> {
            boundId[0] = id;
            subscription.bind(id);
            byId.put(id, subscription.listener());
        }).whenComplete((result, error) -> {
            HaException cause = cause(error);
            if (cause == null || !cause.code().delivered() || cause.code() == HaErrorCode.CONNECTION_LOST) {
                return; // subscribed, or made again on the next connect
            }
            if (cause.code() == HaErrorCode.HOME_ASSISTANT_ERROR) {
                byId.remove(boundId[0]); // refused: no events will come
            } // a timeout keeps the id: Home Assistant may still have subscribed
            subscription.listener().onError(cause);
        });
    }

    private void unsubscribe(HaSocket target, int id, Duration timeout) {
        outbox.send(target, HaMessages.unsubscribeEvents(id), timeout, null).exceptionally(e -> null);
    }

    private static HaException cause(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause == null ? null : cause instanceof HaException e ? e
                : new HaException(HaErrorCode.PROTOCOL_ERROR, String.valueOf(cause.getMessage()), cause);
    }

    /** One command's answer: its first event. Whoever takes it out of {@code byId} first completes it. */
    private final class FirstEvent implements HaCommandSubscription.Listener {

        private final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        private final HaSocket target;
        private final String type;
        private final Duration timeout;
        private volatile int id = -1;
        private volatile boolean subscribed;
        private volatile long timer;

        private FirstEvent(HaSocket target, String type, Duration timeout) {
            this.target = target;
            this.type = type;
            this.timeout = timeout;
        }

        @Override
        public void onEvent(JsonNode event) {
            if (byId.remove(id, this)) {
                unsubscribe(target, id, timeout);
                answer.complete(event);
            }
        }

        @Override
        public void onError(HaException error) {
            if (byId.remove(id, this)) {
                answer.completeExceptionally(error);
            }
        }

        /** The command's own result: from a success on, the first event completes the answer. */
        private void answered(Throwable error) {
            if (error == null) {
                subscribed = true;
                if (answer.isDone()) {
                    unsubscribe(target, id, timeout); // timed out before the result came
                }
                return;
            }
            if (id >= 0) {
                byId.remove(id, this);
            }
            answer.completeExceptionally(cause(error));
        }

        private void timedOut() {
            if (id >= 0 && byId.remove(id, this)) {
                answer.completeExceptionally(new HaException(HaErrorCode.TIMEOUT, "no answer from Home Assistant to '"
                        + type + "' (id " + id + ") within " + timeout.toMillis() + " ms"));
                if (subscribed) {
                    unsubscribe(target, id, timeout);
                }
            }
        }
    }
}
