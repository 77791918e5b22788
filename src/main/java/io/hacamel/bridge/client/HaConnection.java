package io.hacamel.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * One long-lived, self-healing session with Home Assistant: message ids, pending requests, standing subscriptions,
 * heartbeat, reconnect with backoff, and a resync of states after every (re)connect. Everything that changes the
 * session runs on one Vert.x context; requests may come from any thread. Futures returned by {@link #request}
 * complete on that context or on a timer thread: callers must not block in their callbacks. This class is the API;
 * the work is in {@link Connector} (connect, set up, loss), {@link Reconnects}, {@link SubscriptionSync} (subscriptions
 * and resync), {@link SessionState}, {@link Outbox} and {@link MessageRouter}.
 */
public final class HaConnection {

    private final Context context;
    private final HaClientOptions options;
    private final URI url;
    private final PendingRequests pending;
    private final Subscriptions subscriptions = new Subscriptions();
    private final StateMirror mirror = new StateMirror();
    private final HaConnectionStats stats = new HaConnectionStats();
    private final Outbox outbox;
    private final CommandSubscriptions commands;
    private final SessionState state;
    private final SubscriptionSync sync;
    private final Connector connector;

    public HaConnection(Vertx vertx, HaClientOptions options, ObjectMapper mapper) {
        this.options = options;
        this.url = HaUrls.websocket(options.url());
        // a context (event loop) of its own: not the caller's, which other servers created on that thread may share
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.pending = new PendingRequests(vertx);
        this.outbox = new Outbox(pending, stats);
        this.commands = new CommandSubscriptions(outbox, vertx);
        this.state = new SessionState(outbox);
        this.sync = new SubscriptionSync(outbox, subscriptions, mirror, stats, state, options);
        MessageRouter router = new MessageRouter(pending, subscriptions, commands, mirror, stats);
        this.connector = new Connector(context, options, mapper, url, outbox, pending, commands, router, sync, state,
                stats);
    }

    public void addListener(ConnectionListener listener) {
        state.addListener(listener);
    }

    /** Tells the observer how every command ends (success or the failure's code) and how long it took. */
    public void observeRequests(RequestObserver observer) {
        outbox.observe(observer);
    }

    /** Starts connecting in the background; returns at once, whether or not Home Assistant is reachable. */
    public void start() {
        connector.start();
    }

    /** Closes the session and stops reconnecting; waits up to 5 s for the socket to be released. */
    public void stop() {
        connector.stop().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    }

    /** Sends a command with the default request timeout; see {@link #request(ObjectNode, Duration)}. */
    public CompletableFuture<JsonNode> request(ObjectNode message) {
        return request(message, options.requestTimeout());
    }

    /**
     * Sends a command and completes with its {@code result}. Fails with an {@link HaException}: NOT_CONNECTED (never
     * sent), TIMEOUT or CONNECTION_LOST (sent, outcome unknown) or HOME_ASSISTANT_ERROR. The message gets its id here.
     */
    public CompletableFuture<JsonNode> request(ObjectNode message, Duration timeout) {
        HaSocket current = state.connectedSocket();
        if (current == null) {
            return outbox.notSent(message.path("type").asText(), state.noSession());
        }
        return outbox.send(current, message, timeout, null);
    }

    /** A listener told every current state once when it starts: {@link HaSubscription.Seeding#STATES_AT_START}. */
    public HaSubscription subscribe(String eventType, HaEventListener listener) {
        return subscribe(eventType, HaSubscription.Seeding.STATES_AT_START, listener);
    }

    /**
     * Subscribes to an event type (null = all events) for as long as the connection lives, across reconnects. All
     * listeners of one event type share one Home Assistant subscription and get its events in Home Assistant's order.
     * What a listener of state changes is told at its start and after each reconnect (each time ending with a synced
     * marker) is its {@code seeding}.
     */
    public HaSubscription subscribe(String eventType, HaSubscription.Seeding seeding, HaEventListener listener) {
        HaSubscription subscription = new HaSubscription(eventType, seeding, listener);
        context.runOnContext(v -> sync.join(subscription));
        return subscription;
    }

    /**
     * Opens a command's subscription (e.g. {@code subscribe_trigger}) for as long as the connection lives: sent at
     * once when connected and again after every reconnect. Its events reach the listener on the reader.
     */
    public HaCommandSubscription subscribeCommand(ObjectNode command, HaCommandSubscription.Listener listener) {
        HaCommandSubscription subscription = new HaCommandSubscription(command.deepCopy(), listener);
        context.runOnContext(v -> commands.add(subscription, state.connectedSocket(), options.requestTimeout()));
        return subscription;
    }

    /** Ends a command's subscription: unsubscribe_events when it is subscribed. */
    public void unsubscribeCommand(HaCommandSubscription subscription) {
        context.runOnContext(v -> commands.remove(subscription, state.connectedSocket(), options.requestTimeout()));
    }

    /**
     * Sends a command that answers with events (e.g. {@code render_template}), completes with the first event's
     * {@code event} object and ends the subscription at once with unsubscribe_events. Fails as {@link #request} does;
     * the timeout covers the result and the event.
     */
    public CompletableFuture<JsonNode> requestFirstEvent(ObjectNode command, Duration timeout) {
        HaSocket current = state.connectedSocket();
        if (current == null) {
            return outbox.notSent(command.path("type").asText(), state.noSession());
        }
        return commands.firstEvent(current, command, timeout);
    }

    /**
     * The current state of one entity, or null when Home Assistant has none: from the states the session follows
     * when it subscribes to state_changed and is in sync (no message sent), else from a {@code get_states}.
     */
    public CompletableFuture<JsonNode> state(String entityId, Duration timeout) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (sync.mirrorInSync()) {
                CompactState known = mirror.state(entityId);
                answer.complete(known == null ? null : known.tree());
                return;
            }
            request(HaMessages.getStates(), timeout).whenComplete((states, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(StreamSupport.stream(states.spliterator(), false)
                            .filter(state -> entityId.equals(state.path("entity_id").asText())).findFirst().orElse(null));
                }
            });
        });
        return answer;
    }

    /** Stops the listener's events; the last listener of an event type ends its Home Assistant subscription. */
    public void unsubscribe(HaSubscription subscription) {
        context.runOnContext(v -> sync.leave(subscription));
    }

    public ConnectionState state() {
        return state.get();
    }

    /** Whether Home Assistant refused this token (auth_invalid) and has accepted none since. */
    public boolean rejected(String token) {
        return connector.rejected(token);
    }

    public HaConnectionStats stats() {
        return stats;
    }

    public URI url() {
        return url;
    }

    public int pendingRequests() {
        return pending.size();
    }

    /** Home Assistant subscriptions: one per event type, however many listeners share it. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Entities the session knows the state of (those delivered to state_changed subscribers). */
    public int knownEntities() {
        return mirror.size();
    }
}
