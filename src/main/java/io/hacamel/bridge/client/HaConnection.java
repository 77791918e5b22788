package io.hacamel.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemTrustOptions;
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
    private final Object writeLock = new Object();
    private volatile HaSocket socket;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private int nextId; // guarded by writeLock
    private boolean started; // the fields below are touched on the context only
    private boolean everConnected;
    private int retry;
    private long reconnectTimer = -1;
    private long heartbeatTimer = -1;

    public HaConnection(Vertx vertx, HaClientOptions options, ObjectMapper mapper) {
        this.vertx = vertx;
        this.options = options;
        this.mapper = mapper;
        this.url = HaUrls.websocket(options.url());
        this.backoff = options.backoff();
        this.context = vertx.getOrCreateContext();
        this.pending = new PendingRequests(vertx);
        this.client = vertx.createWebSocketClient(clientOptions(options, url));
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
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
            HaSocket current = socket;
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
        HaSocket current = socket;
        if (current == null || !state.acceptsRequests()) {
            return CompletableFuture.failedFuture(new HaException(HaErrorCode.NOT_CONNECTED,
                    "no session with Home Assistant (" + state.name().toLowerCase() + ")"));
        }
        return send(current, message, timeout, null);
    }

    /** Subscribes to an event type (null = all events) for as long as the connection lives, across reconnects. */
    public HaSubscription subscribe(String eventType, HaEventListener listener) {
        HaSubscription subscription = subscriptions.add(eventType, listener);
        context.runOnContext(v -> {
            HaSocket current = socket;
            if (current != null && state.acceptsRequests()) {
                subscribeOn(current, subscription).thenRun(() -> sendSnapshot(subscription));
            }
        });
        return subscription;
    }

    public void unsubscribe(HaSubscription subscription) {
        subscriptions.remove(subscription);
        int haId = subscription.haId();
        HaSocket current = socket;
        if (haId >= 0 && current != null && state.acceptsRequests()) {
            send(current, HaMessages.unsubscribeEvents(haId), options.requestTimeout(), null)
                    .exceptionally(e -> null);
        }
    }

    public ConnectionState state() {
        return state;
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
        } catch (RuntimeException e) {
            onConnectFailed(new HaException(HaErrorCode.CANNOT_CONNECT, "cannot read the access token: " + e.getMessage()));
            return;
        }
        HaSocket.open(client, context, mapper, url, token, options.handshakeTimeout(), new SocketListener())
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
        synchronized (writeLock) {
            socket = authenticated;
            nextId = 0;
        }
        stats.lastConnectMillis = (System.nanoTime() - startedAt) / 1_000_000;
        stats.haVersion = authenticated.haVersion();
        stats.connectedSince = Instant.now();
        stats.disconnectedSince = null;
        if (everConnected) {
            stats.reconnects.increment();
        }
        everConnected = true;
        LOG.info("Connected to Home Assistant {} at {} in {} ms", stats.haVersion, url, stats.lastConnectMillis);
        setState(ConnectionState.AUTHENTICATED, "authenticated");
        send(authenticated, HaMessages.supportedFeatures(), options.requestTimeout(), null)
                .exceptionally(e -> {
                    LOG.info("Home Assistant did not accept supported_features ({}); frames stay uncoalesced", e.getMessage());
                    return null;
                });
        CompletableFuture<?>[] subscribed = subscriptions.all().stream()
                .map(subscription -> subscribeOn(authenticated, subscription)).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(subscribed)
                .thenCompose(v -> resync(authenticated))
                .whenComplete((v, error) -> context.runOnContext(x -> {
                    if (authenticated != socket) {
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
                        scheduleHeartbeat(authenticated);
                    }
                }));
    }

    private void onConnectFailed(HaException error) {
        stats.connectFailures.increment();
        stats.consecutiveFailures++;
        stats.lastError = error.getMessage();
        if (error.code() == HaErrorCode.INVALID_AUTH) {
            stats.authFailures.increment();
            LOG.error("{}. Not reconnecting: set a valid long-lived access token (HA_TOKEN or HA_TOKEN_FILE) and "
                    + "restart the bridge.", error.getMessage());
            setState(ConnectionState.AUTH_FAILED, error.getMessage());
            return;
        }
        scheduleReconnect(error.getMessage());
    }

    private void connectionLost(HaSocket lost, String reason) {
        synchronized (writeLock) {
            if (socket != lost) {
                return;
            }
            socket = null;
        }
        subscriptions.forgetIds();
        cancelTimers();
        stats.connectedSince = null;
        stats.disconnectedSince = Instant.now();
        stats.lastError = reason;
        pending.failAll(new HaException(HaErrorCode.CONNECTION_LOST, "connection to Home Assistant lost: " + reason));
        if (started) {
            LOG.warn("Lost the connection to Home Assistant: {}", reason);
            scheduleReconnect(reason);
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
        LOG.info("Reconnecting to Home Assistant in {} ms (attempt {})", delay.toMillis(), retry);
        setState(ConnectionState.DISCONNECTED, reason);
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> connect());
    }

    // ---- subscriptions and resync -----------------------------------------------------------------------------

    private CompletableFuture<JsonNode> subscribeOn(HaSocket target, HaSubscription subscription) {
        return send(target, HaMessages.subscribeEvents(subscription.eventType()), options.requestTimeout(),
                id -> subscriptions.bind(id, subscription));
    }

    /** After (re)subscribing: fetch every state and turn the difference with what was delivered into events. */
    private CompletableFuture<Void> resync(HaSocket target) {
        if (!subscriptions.anyReceivesStateChanges()) {
            return CompletableFuture.completedFuture(null);
        }
        long startedAt = System.nanoTime();
        // completes on the reader, in frame order: events read before this result are already in the mirror
        return send(target, HaMessages.getStates(), options.requestTimeout().multipliedBy(6), null).thenAccept(states -> {
            StateMirror.Resync resync = mirror.reconcile(states, Instant.now().toString());
            resync.events().forEach(this::deliverToStateSubscribers);
            deliverToStateSubscribers(HaEvent.synced(resync.entities(), resync.changed(), resync.removed(),
                    Instant.now().toString()));
            stats.resyncs.increment();
            stats.resyncEvents.add(resync.events().size());
            stats.lastResyncMillis = (System.nanoTime() - startedAt) / 1_000_000;
            LOG.info("Resynced {} entities from Home Assistant in {} ms: {} changed or added, {} removed",
                    resync.entities(), stats.lastResyncMillis, resync.changed(), resync.removed());
        });
    }

    /** A subscriber that joins a running session gets the states known so far, as a resync. */
    private void sendSnapshot(HaSubscription subscription) {
        context.runOnContext(v -> {
            if (subscription.receivesStateChanges() && socket != null) {
                StateMirror.Resync snapshot = mirror.snapshot(Instant.now().toString());
                snapshot.events().forEach(event -> deliver(subscription, event));
                deliver(subscription, HaEvent.synced(snapshot.entities(), snapshot.changed(), 0, Instant.now().toString()));
            }
        });
    }

    private void deliverToStateSubscribers(HaEvent event) {
        for (HaSubscription subscription : subscriptions.all()) {
            if (subscription.receivesStateChanges()) {
                deliver(subscription, event);
            }
        }
    }

    private void deliver(HaSubscription subscription, HaEvent event) {
        try {
            subscription.listener().onEvent(event);
        } catch (RuntimeException e) {
            LOG.error("Event listener of {} failed on a {} event; the event is skipped", subscription, event.eventType(), e);
        }
    }

    // ---- heartbeat --------------------------------------------------------------------------------------------

    private void scheduleHeartbeat(HaSocket target) {
        heartbeatTimer = vertx.setTimer(options.pingInterval().toMillis(), t -> {
            heartbeatTimer = -1;
            if (target != socket) {
                return;
            }
            stats.pingsSent.increment();
            send(target, HaMessages.ping(), options.pongTimeout(), null).whenComplete((pong, error) ->
                    context.runOnContext(v -> {
                        if (target != socket) {
                            return;
                        }
                        if (error == null) {
                            scheduleHeartbeat(target);
                        } else if (error instanceof HaException e && e.code() == HaErrorCode.TIMEOUT) {
                            stats.missedPongs.increment();
                            target.close("no pong within " + options.pongTimeout().toMillis() + " ms (connection dead)");
                        }
                    }));
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private CompletableFuture<JsonNode> send(HaSocket target, ObjectNode message, Duration timeout, IntConsumer onId) {
        String type = message.path("type").asText();
        CompletableFuture<JsonNode> answer;
        io.vertx.core.Future<Void> written;
        int id;
        synchronized (writeLock) {
            if (target != socket) {
                return CompletableFuture.failedFuture(new HaException(HaErrorCode.NOT_CONNECTED,
                        "the session with Home Assistant was lost before '" + type + "' could be sent"));
            }
            id = ++nextId;
            message.put("id", id);
            if (onId != null) {
                onId.accept(id);
            }
            answer = pending.register(id, type, timeout);
            written = target.write(message.toString());
        }
        stats.requestsSent.increment();
        written.onFailure(e -> pending.fail(id, new HaException(HaErrorCode.NOT_CONNECTED,
                "could not send '" + type + "' to Home Assistant: " + HaSocket.describe(e))));
        return answer;
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
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static WebSocketClientOptions clientOptions(HaClientOptions options, URI url) {
        WebSocketClientOptions client = new WebSocketClientOptions()
                .setMaxFrameSize(options.maxFrameSize())
                .setMaxMessageSize(options.maxFrameSize())
                .setConnectTimeout((int) options.handshakeTimeout().toMillis())
                .setClosingTimeout(2);
        if (options.trustedCaFile() != null) {
            client.setTrustOptions(new PemTrustOptions().addCertPath(options.trustedCaFile().toString()));
        }
        if (options.insecure()) {
            LOG.warn("INSECURE: TLS certificate and host name checks for {} are OFF (ha.insecure=true). "
                    + "Anyone on the network path can read the access token. Use ha.ca-file instead.", url);
            client.setTrustAll(true).setVerifyHost(false);
        }
        return client;
    }

    /** Reports from the current socket; sockets that are no longer current are ignored. */
    private final class SocketListener implements HaSocket.Listener {

        @Override
        public void onMessage(HaSocket from, JsonNode message) {
            if (from != socket) {
                return;
            }
            stats.messagesReceived.increment();
            int id = message.path("id").asInt(-1);
            switch (message.get("type").asText()) {
                case "event" -> onEvent(id, message.get("event"), message);
                case "result", "pong" -> {
                    if (!pending.answer(id, message)) {
                        LOG.debug("Answer to an unknown or timed-out request id {} ignored", id);
                    }
                }
                default -> LOG.debug("Ignoring a '{}' message from Home Assistant", message.get("type").asText());
            }
        }

        private void onEvent(int subscriptionId, JsonNode event, JsonNode message) {
            if (event == null || !event.isObject()) {
                onMalformed(socket, message.toString(), null);
                return;
            }
            stats.eventsReceived.increment();
            HaEvent haEvent = HaEvent.fromHomeAssistant(event);
            if (HaEvent.STATE_CHANGED.equals(haEvent.eventType())) {
                mirror.apply(haEvent);
            }
            HaSubscription subscription = subscriptions.byId(subscriptionId);
            if (subscription != null) {
                deliver(subscription, haEvent);
            } else {
                LOG.debug("Event for subscription {} which is no longer wanted", subscriptionId);
            }
        }

        @Override
        public void onMalformed(HaSocket from, String frameExcerpt, Exception cause) {
            stats.malformedFrames.increment();
            LOG.warn("Skipped a malformed frame from Home Assistant{}: {}",
                    cause == null ? "" : " (" + HaSocket.describe(cause) + ")", frameExcerpt);
        }

        @Override
        public void onClosed(HaSocket from, String reason) {
            connectionLost(from, reason);
        }
    }
}
