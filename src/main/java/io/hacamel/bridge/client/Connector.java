package io.hacamel.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the session, and opens it again after every loss: connects and authenticates ({@link HaSocket}), brings a new
 * socket to READY (supported_features, subscriptions, resync, heartbeat), and when the socket is lost fails what was
 * waiting on it and leaves the next attempt to {@link Reconnects}. On the connection's context.
 */
final class Connector implements Reconnects.Target {

    /** The session's log lines are one logger's, the one users (and ConnectionLogTest) follow it by. */
    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);

    private final Context context;
    private final WebSocketClient client;
    private final ObjectMapper mapper;
    private final HaClientOptions options;
    private final URI url;
    private final Outbox outbox;
    private final PendingRequests pending;
    private final CommandSubscriptions commands;
    private final MessageRouter router;
    private final SubscriptionSync sync;
    private final SessionState state;
    private final HaConnectionStats stats;
    private final Heartbeat heartbeat;
    private final Reconnects reconnects;
    private boolean started;
    private boolean everConnected;
    private String lastToken; // the token of the latest connect attempt

    Connector(Context context, HaClientOptions options, ObjectMapper mapper, URI url, Outbox outbox,
            PendingRequests pending, CommandSubscriptions commands, MessageRouter router, SubscriptionSync sync,
            SessionState state, HaConnectionStats stats) {
        this.context = context;
        this.options = options;
        this.mapper = mapper;
        this.url = url;
        this.outbox = outbox;
        this.pending = pending;
        this.commands = commands;
        this.router = router;
        this.sync = sync;
        this.state = state;
        this.stats = stats;
        this.client = context.owner().createWebSocketClient(HaSocket.clientOptions(options, url));
        this.reconnects = new Reconnects(context.owner(), options, stats, state, this);
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

    void start() {
        context.runOnContext(v -> {
            if (!started) {
                started = true;
                connect();
            }
        });
    }

    /** Closes the session and stops reconnecting; completes once the sockets are released. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        context.runOnContext(v -> {
            started = false;
            cancelTimers();
            HaSocket current = outbox.current();
            if (current != null) {
                current.close("the bridge is stopping");
            }
            state.set(ConnectionState.STOPPED, "stopped");
            client.close().onComplete(ar -> stopped.complete(null));
        });
        return stopped;
    }

    /** Whether Home Assistant refused this token (auth_invalid) and has accepted none since. */
    boolean rejected(String token) {
        return reconnects.rejected(token);
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public void connect() {
        if (!started) {
            return;
        }
        state.set(ConnectionState.CONNECTING, "connecting to " + url);
        stats.connectAttempts.increment();
        long startedAt = System.nanoTime();
        String token;
        try {
            token = options.token().get();
            lastToken = token;
        } catch (RuntimeException e) {
            reconnects.connectFailed(new HaException(HaErrorCode.CANNOT_CONNECT,
                    "cannot read the access token: " + e.getMessage()), lastToken);
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
                        HaException error = ar.cause() instanceof HaException e ? e
                                : new HaException(HaErrorCode.CANNOT_CONNECT, HaSocket.describe(ar.cause()));
                        reconnects.connectFailed(error, lastToken);
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
        reconnects.authenticated();
        LOG.info("Connected to Home Assistant {} at {} in {} ms", stats.haVersion, url, stats.lastConnectMillis);
        state.set(ConnectionState.AUTHENTICATED, "authenticated");
        outbox.send(authenticated, HaMessages.supportedFeatures(), options.requestTimeout(), null)
                .exceptionally(e -> {
                    LOG.info("Home Assistant did not accept supported_features ({}); frames stay uncoalesced", e.getMessage());
                    return null;
                });
        CompletableFuture<Void> synced = sync.subscribeAll(authenticated);
        commands.subscribeAll(authenticated, options.requestTimeout());
        synced.whenComplete((v, error) -> context.runOnContext(x -> {
            if (authenticated != outbox.current()) {
                return;
            }
            if (error != null) {
                String reason = "subscribing and resyncing failed: " + HaException.rootMessage(error);
                LOG.warn("{}; reconnecting", reason);
                authenticated.close(reason);
            } else {
                reconnects.ready();
                state.set(ConnectionState.READY, "subscribed and in sync");
                heartbeat.start(authenticated);
            }
        }));
    }

    private void connectionLost(HaSocket lost, String reason) {
        if (!outbox.close(lost)) {
            return;
        }
        sync.connectionLost();
        cancelTimers();
        stats.connectedSince = null;
        stats.disconnectedSince = Instant.now();
        stats.lastError = reason;
        HaException error = new HaException(HaErrorCode.CONNECTION_LOST, "connection to Home Assistant lost: " + reason);
        pending.failAll(error);
        commands.connectionLost(error);
        if (started) {
            reconnects.schedule("connection lost: " + reason);
        }
    }

    private void cancelTimers() {
        reconnects.cancel();
        heartbeat.stop();
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
