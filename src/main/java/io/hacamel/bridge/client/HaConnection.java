package io.hacamel.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private boolean started; // the fields below are touched on the context only
    private boolean everConnected;
    private int retry;
    private long reconnectTimer = -1;
    private String lastToken; // the token of the latest connect attempt
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
        this.client = vertx.createWebSocketClient(HaSocket.clientOptions(options, url));
        this.router = new MessageRouter(pending, subscriptions, mirror, stats);
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

    /** Subscribes to an event type (null = all events) for as long as the connection lives, across reconnects. */
    public HaSubscription subscribe(String eventType, HaEventListener listener) {
        HaSubscription subscription = subscriptions.add(eventType, listener);
        context.runOnContext(v -> {
            HaSocket current = outbox.current();
            if (current != null && state.acceptsRequests()) {
                subscribeOn(current, subscription).thenRun(() -> joinRunningSession(current, subscription));
            }
        });
        return subscription;
    }

    public void unsubscribe(HaSubscription subscription) {
        subscriptions.remove(subscription);
        int haId = subscription.haId();
        HaSocket current = outbox.current();
        if (haId >= 0 && current != null && state.acceptsRequests()) {
            outbox.send(current, HaMessages.unsubscribeEvents(haId), options.requestTimeout(), null)
                    .exceptionally(e -> null);
        }
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
        CompletableFuture<?>[] subscribed = subscriptions.all().stream()
                .map(subscription -> subscribeOn(authenticated, subscription)).toArray(CompletableFuture[]::new);
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
        cancelTimers();
        stats.connectedSince = null;
        stats.disconnectedSince = Instant.now();
        stats.lastError = reason;
        pending.failAll(new HaException(HaErrorCode.CONNECTION_LOST, "connection to Home Assistant lost: " + reason));
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

    private CompletableFuture<JsonNode> subscribeOn(HaSocket target, HaSubscription subscription) {
        return outbox.send(target, HaMessages.subscribeEvents(subscription.eventType()), options.requestTimeout(),
                id -> subscriptions.bind(id, subscription));
    }

    /**
     * After (re)subscribing: fetch every state. Subscribers that know the states get the difference with what they
     * were told (changes, additions, removals); new subscribers get every state. Each ends with a synced marker.
     */
    private CompletableFuture<Void> resync(HaSocket target) {
        if (!subscriptions.anyReceivesStateChanges()) {
            return CompletableFuture.completedFuture(null);
        }
        long startedAt = System.nanoTime();
        // completes on the reader, in frame order: events read before this result are already in the mirror
        int[] requestId = {0};
        return outbox.send(target, HaMessages.getStates(), options.requestTimeout().multipliedBy(6),
                        id -> requestId[0] = id)
                .thenAccept(states -> {
                    String now = Instant.now().toString();
                    boolean firstLoad = mirror.size() == 0;
                    StateMirror.Resync changes = mirror.reconcile(states, target.stateSlices(requestId[0]), now);
                    StateMirror.Resync everything = null;
                    for (HaSubscription subscription : subscriptions.all()) {
                        if (!subscription.receivesStateChanges()) {
                            continue;
                        }
                        if (!subscription.seeded()) {
                            // into an empty mirror every state is an addition: the changes are everything already,
                            // without making 10,000 trees again from the mirror's bytes
                            everything = everything != null ? everything : firstLoad ? changes : mirror.snapshot(now);
                        }
                        StateMirror.Resync resync = subscription.seeded() ? changes : everything;
                        resync.events().forEach(event -> MessageRouter.deliver(subscription, event));
                        MessageRouter.deliver(subscription,
                                HaEvent.synced(resync.entities(), resync.changed(), resync.removed(), now));
                        subscription.seeded(true);
                    }
                    stats.resyncs.increment();
                    stats.resyncEvents.add(changes.events().size());
                    stats.lastResyncMillis = (System.nanoTime() - startedAt) / 1_000_000;
                    LOG.info("Resynced {} entities from Home Assistant in {} ms: {} changed or added, {} removed",
                            changes.entities(), stats.lastResyncMillis, changes.changed(), changes.removed());
                });
    }

    /** A state subscriber that joins a running session is seeded by a resync of its own. */
    private void joinRunningSession(HaSocket current, HaSubscription subscription) {
        context.runOnContext(v -> {
            if (subscription.receivesStateChanges() && !subscription.seeded() && current == outbox.current()) {
                resync(current).exceptionally(error -> {
                    current.close("resync failed: " + rootMessage(error));
                    return null;
                });
            }
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

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
        public void onMalformed(HaSocket from, String frameExcerpt, Exception cause) {
            router.malformed(frameExcerpt, cause);
        }

        @Override
        public void onClosed(HaSocket from, String reason) {
            connectionLost(from, reason);
        }
    }
}
