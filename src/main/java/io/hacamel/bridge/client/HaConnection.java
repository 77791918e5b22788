package io.hacamel.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.impl.VertxInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived, self-healing session with Home Assistant: message ids, pending requests, standing subscriptions,
 * heartbeat, reconnect with backoff, and a resync of states after every (re)connect. Everything that changes the
 * session runs on one Vert.x context; requests may come from any thread. Futures returned by {@link #request}
 * complete on that context or on a timer thread: callers must not block in their callbacks.
 */
public final class HaConnection {

    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final ObjectMapper mapper;
    private final HaClientOptions options;
    private final URI url;
    private final Backoff backoff;
    private final PendingRequests pending;
    private final Subscriptions subscriptions = new Subscriptions();
    private final StateMirror mirror = new StateMirror();
    private final CopyOnWriteArrayList<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final HaConnectionStats stats = new HaConnectionStats();
    private final MessageRouter router;
    private final Heartbeat heartbeat;
    private final Outbox outbox;
    private final CommandSubscriptions commands;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private boolean started; // the fields below are touched on the context only
    private boolean everConnected;
    private int retry;
    private long reconnectTimer = -1;
    private String lastToken; // the token of the latest connect attempt
    private boolean mirrorInSync; // a resync filled the mirror on the current socket, and events keep it current
    private boolean resyncing;
    private volatile String rejectedToken; // the token Home Assistant last refused, until it accepts one

    public HaConnection(Vertx vertx, HaClientOptions options, ObjectMapper mapper) {
        this.vertx = vertx;
        this.options = options;
        this.mapper = mapper;
        this.url = HaUrls.websocket(options.url());
        this.backoff = options.backoff();
        // a context (event loop) of its own: not the caller's, which other servers created on that thread may share
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.pending = new PendingRequests(vertx);
        this.outbox = new Outbox(pending, stats);
        this.commands = new CommandSubscriptions(outbox, vertx);
        this.client = vertx.createWebSocketClient(HaSocket.clientOptions(options, url));
        this.router = new MessageRouter(pending, subscriptions, commands, mirror, stats);
        this.heartbeat = new Heartbeat(context, options.pingInterval(), options.pongTimeout(), stats, new Heartbeat.Target() {
            @Override
            public boolean isCurrent(HaSocket socket) {
                return socket == outbox.current();
            }

            @Override
            public CompletableFuture<JsonNode> ping(HaSocket socket, Duration timeout) {
                return outbox.send(socket, HaMessages.ping(), timeout, null);
            }
        });
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    /** Tells the observer how every command ends (success or the failure's code) and how long it took. */
    public void observeRequests(RequestObserver observer) {
        outbox.observe(observer);
    }

    /** Starts connecting in the background; returns at once, whether or not Home Assistant is reachable. */
    public void start() {
        context.runOnContext(v -> {
            if (!started) {
                started = true;
                connect();
            }
        });
    }

    /** Closes the session and stops reconnecting; waits up to 5 s for the socket to be released. */
    public void stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        context.runOnContext(v -> {
            started = false;
            cancelTimers();
            HaSocket current = outbox.current();
            if (current != null) {
                current.close("the bridge is stopping");
            }
            setState(ConnectionState.STOPPED, "stopped");
            client.close().onComplete(ar -> stopped.complete(null));
        });
        stopped.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
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
        HaSocket current = outbox.current();
        if (current == null || !state.acceptsRequests()) {
            return outbox.notSent(message.path("type").asText(),
                    "no session with Home Assistant (" + state.name().toLowerCase() + ")");
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
        context.runOnContext(v -> join(subscription));
        return subscription;
    }

    /**
     * Opens a command's subscription (e.g. {@code subscribe_trigger}) for as long as the connection lives: sent at
     * once when connected and again after every reconnect. Its events reach the listener on the reader.
     */
    public HaCommandSubscription subscribeCommand(ObjectNode command, HaCommandSubscription.Listener listener) {
        HaCommandSubscription subscription = new HaCommandSubscription(command.deepCopy(), listener);
        context.runOnContext(v -> commands.add(subscription, connectedSocket(), options.requestTimeout()));
        return subscription;
    }

    /** Ends a command's subscription: unsubscribe_events when it is subscribed. */
    public void unsubscribeCommand(HaCommandSubscription subscription) {
        context.runOnContext(v -> commands.remove(subscription, connectedSocket(), options.requestTimeout()));
    }

    /**
     * Sends a command that answers with events (e.g. {@code render_template}), completes with the first event's
     * {@code event} object and ends the subscription at once with unsubscribe_events. Fails as {@link #request} does;
     * the timeout covers the result and the event.
     */
    public CompletableFuture<JsonNode> requestFirstEvent(ObjectNode command, Duration timeout) {
        HaSocket current = connectedSocket();
        if (current == null) {
            return outbox.notSent(command.path("type").asText(),
                    "no session with Home Assistant (" + state.name().toLowerCase() + ")");
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
            if (mirrorInSync) {
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
        context.runOnContext(v -> leave(subscription));
    }

    public ConnectionState state() {
        return state;
    }

    /** Whether Home Assistant refused this token (auth_invalid) and has accepted none since. */
    public boolean rejected(String token) {
        String rejected = rejectedToken;
        return rejected != null && rejected.equals(token);
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

    // ---- connecting -------------------------------------------------------------------------------------------

    private void connect() {
        reconnectTimer = -1;
        if (!started) {
            return;
        }
        setState(ConnectionState.CONNECTING, "connecting to " + url);
        stats.connectAttempts.increment();
        long startedAt = System.nanoTime();
        String token;
        try {
            token = options.token().get();
            lastToken = token;
        } catch (RuntimeException e) {
            onConnectFailed(new HaException(HaErrorCode.CANNOT_CONNECT, "cannot read the access token: " + e.getMessage()));
            return;
        }
        HaSocket.open(client, context, mapper, url, token, options, new SocketListener())
                .onComplete(ar -> {
                    if (!started) {
                        if (ar.succeeded()) {
                            ar.result().close("the bridge is stopping");
                        }
                    } else if (ar.succeeded()) {
                        onAuthenticated(ar.result(), startedAt);
                    } else {
                        onConnectFailed(ar.cause() instanceof HaException e ? e
                                : new HaException(HaErrorCode.CANNOT_CONNECT, HaSocket.describe(ar.cause())));
                    }
                });
    }

    private void onAuthenticated(HaSocket authenticated, long startedAt) {
        outbox.open(authenticated);
        stats.lastConnectMillis = (System.nanoTime() - startedAt) / 1_000_000;
        stats.haVersion = authenticated.haVersion();
        stats.connectedSince = Instant.now();
        stats.disconnectedSince = null;
        if (everConnected) {
            stats.reconnects.increment();
        }
        everConnected = true;
        rejectedToken = null;
        LOG.info("Connected to Home Assistant {} at {} in {} ms", stats.haVersion, url, stats.lastConnectMillis);
        setState(ConnectionState.AUTHENTICATED, "authenticated");
        outbox.send(authenticated, HaMessages.supportedFeatures(), options.requestTimeout(), null)
                .exceptionally(e -> {
                    LOG.info("Home Assistant did not accept supported_features ({}); frames stay uncoalesced", e.getMessage());
                    return null;
                });
        CompletableFuture<?>[] subscribed = Arrays.stream(subscriptions.all())
                .map(subscription -> subscribeOn(authenticated, subscription)).toArray(CompletableFuture[]::new);
        commands.subscribeAll(authenticated, options.requestTimeout());
        CompletableFuture.allOf(subscribed)
                .thenCompose(v -> resync(authenticated))
                .whenComplete((v, error) -> context.runOnContext(x -> {
                    if (authenticated != outbox.current()) {
                        return;
                    }
                    if (error != null) {
                        String reason = "subscribing and resyncing failed: " + rootMessage(error);
                        LOG.warn("{}; reconnecting", reason);
                        authenticated.close(reason);
                    } else {
                        retry = 0;
                        stats.consecutiveFailures = 0;
                        setState(ConnectionState.READY, "subscribed and in sync");
                        heartbeat.start(authenticated);
                    }
                }));
    }

    private void onConnectFailed(HaException error) {
        stats.connectFailures.increment();
        stats.consecutiveFailures++;
        stats.lastError = error.getMessage();
        if (error.code() == HaErrorCode.INVALID_AUTH) {
            stats.authFailures.increment();
            // retrying the same token would only get the bridge's address banned (Home Assistant's ip_ban)
            LOG.error("{}. Not reconnecting until the access token changes: put a valid long-lived access token in "
                    + "HA_TOKEN_FILE (read again every {} ms) or set HA_TOKEN and restart the bridge.",
                    error.getMessage(), backoff.max().toMillis());
            rejectedToken = lastToken;
            setState(ConnectionState.AUTH_FAILED, error.getMessage());
            awaitNewToken(lastToken);
            return;
        }
        scheduleReconnect(error.getMessage());
    }

    /** After auth_invalid: reads the token again every backoff cap, and connects once it is another one. */
    private void awaitNewToken(String rejected) {
        reconnectTimer = vertx.setTimer(Math.max(1, backoff.max().toMillis()), t -> {
            reconnectTimer = -1;
            if (!started) {
                return;
            }
            String current;
            try {
                current = options.token().get();
            } catch (RuntimeException e) {
                current = rejected; // an unreadable file is no new token; keep waiting
            }
            if (Objects.equals(current, rejected)) {
                awaitNewToken(rejected);
            } else {
                LOG.info("The access token changed; connecting to Home Assistant again");
                connect();
            }
        });
    }

    private void connectionLost(HaSocket lost, String reason) {
        if (!outbox.close(lost)) {
            return;
        }
        subscriptions.forgetIds();
        mirrorInSync = false;
        resyncing = false;
        cancelTimers();
        stats.connectedSince = null;
        stats.disconnectedSince = Instant.now();
        stats.lastError = reason;
        HaException error = new HaException(HaErrorCode.CONNECTION_LOST, "connection to Home Assistant lost: " + reason);
        pending.failAll(error);
        commands.connectionLost(error);
        if (started) {
            scheduleReconnect("connection lost: " + reason);
        }
    }

    private void scheduleReconnect(String reason) {
        if (!started) {
            return;
        }
        retry++;
        if (backoff.exhausted(retry - 1)) {
            LOG.error("Giving up on Home Assistant after {} reconnect attempts (ha.reconnect.max-attempts); last error: {}",
                    retry - 1, reason);
            setState(ConnectionState.GAVE_UP, reason);
            return;
        }
        Duration delay = backoff.delay(retry);
        String plan = reason + "; reconnecting in " + delay.toMillis() + " ms (attempt " + retry + ")";
        LOG.warn("Home Assistant unavailable: {}", plan);
        setState(ConnectionState.DISCONNECTED, plan);
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> connect());
    }

    // ---- subscriptions and resync -----------------------------------------------------------------------------

    private void join(HaSubscription listener) {
        SharedSubscription shared = subscriptions.join(listener);
        HaSocket current = outbox.current();
        if (current == null || !state.acceptsRequests()) {
            return; // the next connect subscribes and resyncs
        }
        if (shared.haId() < 0) {
            subscribeOn(current, shared).exceptionally(error -> {
                current.close("subscribing failed: " + rootMessage(error));
                return null;
            });
        } else if (shared.active()) {
            seed(current, shared);
        } // else: the answer to its subscribe_events, on its way, seeds the listener
    }

    private void leave(HaSubscription listener) {
        SharedSubscription dropped = subscriptions.leave(listener);
        if (dropped == null) {
            return;
        }
        HaSocket current = outbox.current();
        if (dropped.haId() >= 0 && current != null && state.acceptsRequests()) {
            outbox.send(current, HaMessages.unsubscribeEvents(dropped.haId()), options.requestTimeout(), null)
                    .exceptionally(e -> null);
        }
        dropped.forget();
        if (dropped.receivesStateChanges() && !subscriptions.anyReceivesStateChanges()) {
            mirrorInSync = false;
            mirror.clear();
        }
    }

    /** Completes on the reader with the answer; from then on the subscription's events flow, so it may be seeded. */
    private CompletableFuture<JsonNode> subscribeOn(HaSocket target, SharedSubscription subscription) {
        return outbox.send(target, HaMessages.subscribeEvents(subscription.eventType()), options.requestTimeout(),
                subscription::bind).thenApply(result -> {
                    if (target == outbox.current() && subscription.haId() >= 0) {
                        subscription.activate();
                        seed(target, subscription);
                    }
                    return result;
                });
    }

    /**
     * Catches up the listeners of an active subscription that were not told the states yet: from the mirror when it
     * is in sync (no get_states), else by a resync. While connecting, the connect's own resync does it.
     */
    private void seed(HaSocket target, SharedSubscription subscription) {
        if (!subscription.receivesStateChanges() || !subscription.anyUnseeded()) {
            return;
        }
        if (mirrorInSync) {
            String now = Instant.now().toString();
            StateMirror.Resync everything = null;
            for (HaSubscription listener : subscription.listeners()) {
                if (!listener.seeded()) {
                    if (listener.wantsEveryState()) {
                        everything = everything != null ? everything : mirror.snapshot(now);
                        deliver(listener, everything, now);
                    }
                    listener.seeded(true);
                }
            }
        } else if (state == ConnectionState.READY && !resyncing) {
            resync(target).exceptionally(error -> {
                target.close("resync failed: " + rootMessage(error));
                return null;
            });
        }
    }

    /**
     * Fetches every state. Listeners of active state subscriptions get what changed since they were last told
     * (changes, additions, removals), or every state when their seeding asks for it; a listener of changes only that
     * started before the first load gets nothing. Each ends with a synced marker.
     */
    private CompletableFuture<Void> resync(HaSocket target) {
        if (!subscriptions.anyReceivesStateChanges()) {
            return CompletableFuture.completedFuture(null);
        }
        resyncing = true;
        long startedAt = System.nanoTime();
        // completes on the reader, in frame order: events read before this result are already in the mirror
        int[] requestId = {0};
        return outbox.send(target, HaMessages.getStates(), options.requestTimeout().multipliedBy(6),
                        id -> requestId[0] = id)
                .thenAccept(states -> {
                    resyncing = false; // a failed resync closes the socket, and connectionLost resets it
                    String now = Instant.now().toString();
                    boolean firstLoad = mirror.size() == 0;
                    StateMirror.Resync changes = mirror.reconcile(states, target.stateSlices(requestId[0]), now);
                    mirrorInSync = true;
                    ListenerResyncs resyncs = new ListenerResyncs(mirror, changes, firstLoad, now);
                    for (SharedSubscription subscription : subscriptions.all()) {
                        if (!subscription.active() || !subscription.receivesStateChanges()) {
                            continue; // an inactive one is seeded from the mirror when Home Assistant confirms it
                        }
                        for (HaSubscription listener : subscription.listeners()) {
                            StateMirror.Resync resync = resyncs.of(listener);
                            if (resync != null) {
                                deliver(listener, resync, now);
                            }
                            listener.seeded(true);
                        }
                    }
                    stats.resyncs.increment();
                    stats.resyncEvents.add(changes.events().size());
                    stats.lastResyncMillis = (System.nanoTime() - startedAt) / 1_000_000;
                    LOG.info("Resynced {} entities from Home Assistant in {} ms: {} changed or added, {} removed",
                            changes.entities(), stats.lastResyncMillis, changes.changed(), changes.removed());
                });
    }

    private static void deliver(HaSubscription listener, StateMirror.Resync resync, String now) {
        resync.events().forEach(event -> MessageRouter.deliver(listener, event));
        MessageRouter.deliver(listener, HaEvent.synced(resync.entities(), resync.changed(), resync.removed(), now));
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /** The socket commands go to when the session takes them, else null. */
    private HaSocket connectedSocket() {
        HaSocket current = outbox.current();
        return current != null && state.acceptsRequests() ? current : null;
    }

    private void setState(ConnectionState next, String reason) {
        ConnectionState previous = state;
        state = next;
        if (previous != next) {
            listeners.forEach(listener -> listener.onStateChanged(previous, next, reason));
        }
    }

    private void cancelTimers() {
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
        heartbeat.stop();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** Reports from the sockets; only the current socket is listened to. */
    private final class SocketListener implements HaSocket.Listener {

        @Override
        public void onMessage(HaSocket from, JsonNode message) {
            if (from == outbox.current()) {
                router.route(message);
            }
        }

        @Override
        public void onEvent(HaSocket from, int id, HaEvent event) {
            if (from == outbox.current()) {
                router.routeEvent(id, event);
            }
        }

        @Override
        public void onMalformed(HaSocket from, String frameExcerpt, Exception cause) {
            router.malformed(frameExcerpt, cause);
        }

        @Override
        public void onClosed(HaSocket from, String reason) {
            connectionLost(from, reason);
        }
    }
}
