package io.hacamel.bridge.hub;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.hub.HubStats.Disconnect;
import io.hacamel.bridge.hub.HubStats.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the hub: its socket, authentication, subscription, limits and send buffer. Frames are read on the
 * client's own event loop, where everything but {@link #send} and {@link #subscription()} happens; messages are
 * assembled from frames here, so that one larger than the limit is refused as soon as it is, without buffering it.
 */
final class HubClient {

    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final Buffer PING = Buffer.buffer("hub");

    private final String id = UUID.randomUUID().toString();
    private final WebSocketHub hub;
    private final ServerWebSocket socket;
    private final Context context;
    private final Vertx vertx;
    private final HubSettings settings;
    private final ClientOutbox outbox;
    private final RateLimiter limiter;
    private final String remote;
    private final String address;
    private volatile boolean authenticated;
    /** Counted among hub.max-clients rather than hub.max-unauthenticated-clients; the hub's places lock guards it. */
    private boolean authenticatedPlace;
    private volatile Subscription subscription = Subscription.NONE;
    // on the client's context only
    private Buffer partial;
    private boolean partialIsBinary;
    private int refusedInARow;
    private long readTimer = -1;
    private long pingTimer = -1;
    private long authTimer = -1;
    private boolean closing;
    private Disconnect disconnectReason = Disconnect.CLIENT;

    HubClient(WebSocketHub hub, ServerWebSocket socket, Context context) {
        this.hub = hub;
        this.socket = socket;
        this.context = context;
        this.vertx = context.owner();
        this.settings = hub.settings();
        this.remote = String.valueOf(socket.remoteAddress());
        this.address = socket.remoteAddress() == null ? "" : socket.remoteAddress().host();
        this.limiter = new RateLimiter(settings.rateLimit());
        this.outbox = new ClientOutbox(context, socket, settings, hub.messages(), hub.stats(), this::slow);
    }

    /** Starts reading; authenticates with the key presented at the handshake, or waits for an auth message. */
    void start(String handshakeKey) {
        socket.frameHandler(this::onFrame);
        socket.closeHandler(v -> onClosed());
        socket.exceptionHandler(error -> LOG.debug("Hub client {}: {}", id, error.toString()));
        resetReadDeadline();
        pingTimer = vertx.setPeriodic(settings.pingIntervalMillis(), t -> {
            if (!socket.isClosed()) {
                socket.writePing(PING);
            }
        });
        if (!hub.keys().required()) {
            authenticated();
        } else if (handshakeKey != null) {
            authenticate(handshakeKey);
        } else {
            send(hub.messages().authRequired(id, settings.authTimeoutMillis()));
            authTimer = vertx.setTimer(settings.authTimeoutMillis(), t -> unauthorized("no auth message within "
                    + settings.authTimeoutMillis() + " ms"));
        }
    }

    String id() {
        return id;
    }

    /** The client's IP address, for the per-address limit. */
    String address() {
        return address;
    }

    boolean holdsAuthenticatedPlace() {
        return authenticatedPlace;
    }

    void holdsAuthenticatedPlace(boolean authenticatedPlace) {
        this.authenticatedPlace = authenticatedPlace;
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    Subscription subscription() {
        return subscription;
    }

    void subscription(Subscription subscription) {
        this.subscription = subscription;
    }

    int buffered() {
        return outbox.size();
    }

    /** Queues a message for the client; from any thread, never waits. */
    void send(String message) {
        outbox.offer(message);
    }

    /** Queues a state change (rendered as {@code message}); it may merge into a waiting one of its entity. */
    void sendChange(HaEvent change, String areaId, String message) {
        outbox.offerChange(change, areaId, message);
    }

    /**
     * Checks a presented key: the client is let in, closed with 4401, or with 1013 when hub.max-clients are in; a wrong
     * key counts against its address, as on the API. The key is never logged.
     */
    void authenticate(String key) {
        if (hub.keys().accepts(key)) {
            if (hub.takeAuthenticatedPlace(this)) {
                authenticated();
            } else {
                LOG.warn("Hub client {} from {} refused: hub.max-clients ({}) are connected", id, remote,
                        settings.maxClients());
                disconnect(1013, "too many clients, try again later", null, Disconnect.TOO_MANY_CLIENTS);
            }
        } else {
            if (key != null) {
                hub.keyFailures().failed(socket.remoteAddress().host());
            }
            unauthorized(key == null ? "no API key presented" : "the API key is not valid");
        }
    }

    /** Closes the client with 4401; on the client's context. */
    void unauthorized(String reason) {
        LOG.warn("Hub client {} from {} refused: {}", id, remote, reason);
        close(4401, "unauthorized: " + reason, hub.messages().error("unauthorized", reason, null, null),
                Disconnect.UNAUTHORIZED);
    }

    /** Closes the client with this code and reason, after sending {@code lastMessage} if not null; any thread. */
    void disconnect(int code, String reason, String lastMessage, Disconnect why) {
        context.runOnContext(v -> close(code, reason, lastMessage, why));
    }

    private void authenticated() {
        authenticated = true;
        cancel(authTimer);
        authTimer = -1;
        LOG.info("Hub client {} connected from {}", id, remote);
        send(hub.messages().welcome(id, settings));
        send(hub.systemStatus());
    }

    private void onFrame(WebSocketFrame frame) {
        if (closing) {
            return;
        }
        resetReadDeadline();
        if (frame.isText() || frame.isBinary()) {
            partial = Buffer.buffer();
            partialIsBinary = frame.isBinary();
        } else if (!frame.isContinuation() || partial == null) {
            return; // ping, pong (Vert.x answers pings) or close
        }
        Buffer data = frame.binaryData();
        if (partial.length() + data.length() > settings.maxMessageBytes()) {
            partial = null;
            tooLarge();
            return;
        }
        partial.appendBuffer(data);
        if (frame.isFinal()) {
            Buffer message = partial;
            partial = null;
            onMessage(message, partialIsBinary);
        }
    }

    private void onMessage(Buffer message, boolean binary) {
        hub.stats().received();
        if (!limiter.tryAcquire()) {
            rateLimited();
            return;
        }
        refusedInARow = 0;
        if (binary) {
            hub.stats().rejected(Rejection.BINARY);
            send(hub.messages().error("binary_not_supported", "send messages as JSON text", null, null));
            return;
        }
        String text;
        try {
            // strictly: a lenient decoder would turn the bytes into replacement characters without a word
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message.getBytes())).toString();
        } catch (CharacterCodingException e) {
            invalidUtf8();
            return;
        }
        hub.requests().handle(this, text);
    }

    /** A text message must be UTF-8 (RFC 6455, 8.1): the connection fails with 1007. */
    private void invalidUtf8() {
        LOG.warn("Hub client {} from {} closed: it sent a text message that is not UTF-8", id, remote);
        disconnect(1007, "invalid UTF-8", hub.messages().error("invalid_utf8", "a text message must be UTF-8", null,
                null), Disconnect.INVALID_UTF8);
    }

    private void tooLarge() {
        hub.stats().rejected(Rejection.TOO_LARGE);
        String reason = "message larger than " + settings.maxMessageBytes() + " bytes";
        LOG.warn("Hub client {} from {} closed: it sent a {}", id, remote, reason);
        close(1009, reason, hub.messages().error("message_too_large", reason, null, null), Disconnect.TOO_LARGE);
    }

    /**
     * Refuses the message; tells the client once per run of refusals, and closes it when a run lasts too long, at
     * once: the frames it sent meanwhile, already read, are then ignored rather than each refused (and logged) again.
     */
    private void rateLimited() {
        hub.stats().rejected(Rejection.RATE_LIMITED);
        refusedInARow++;
        if (refusedInARow == 1) {
            send(hub.messages().error("rate_limited", "more than " + settings.rateLimit()
                    + " messages a second: messages are dropped until the client slows down", null, null));
        } else if (refusedInARow > settings.rateLimit()) {
            LOG.warn("Hub client {} from {} closed: it kept sending more than {} messages a second", id, remote,
                    settings.rateLimit());
            close(4429, "message rate limit exceeded", null, Disconnect.RATE_LIMITED);
        }
    }

    private void slow(Disconnect why, String reason) {
        LOG.warn("Hub client {} from {} dropped as too slow: {}", id, remote, reason);
        disconnect(1008, "too slow: " + reason, null, why);
    }

    private void resetReadDeadline() {
        cancel(readTimer);
        readTimer = vertx.setTimer(settings.readTimeoutMillis(), t -> {
            readTimer = -1;
            LOG.warn("Hub client {} from {} closed: nothing received for {} ms", id, remote,
                    settings.readTimeoutMillis());
            close(4408, "read timeout", null, Disconnect.READ_TIMEOUT);
        });
    }

    private void close(int code, String reason, String lastMessage, Disconnect why) {
        if (closing) {
            return;
        }
        closing = true;
        disconnectReason = why;
        hub.stats().disconnected(why); // counted and forgotten now: a client that stopped reading never answers
        hub.forget(this);
        stopTimers();
        outbox.flushAndClose(); // e.g. the error that says why, queued just before
        if (!socket.isClosed()) {
            if (lastMessage != null) {
                socket.writeTextMessage(lastMessage);
            }
            socket.close((short) code, reason); // Vert.x drops the TCP connection if no answer comes in 10 s
        }
    }

    /**
     * Vert.x tells this before it hands the client's close frame to {@link #onFrame}: from now on frames are ignored,
     * so that the close frame starts no read deadline.
     */
    private void onClosed() {
        if (!closing) {
            hub.stats().disconnected(Disconnect.CLIENT);
            closing = true;
        }
        stopTimers();
        outbox.close();
        hub.removed(this, disconnectReason, socket.closeStatusCode(), socket.closeReason());
    }

    private void stopTimers() {
        cancel(readTimer);
        cancel(pingTimer);
        cancel(authTimer);
        readTimer = pingTimer = authTimer = -1;
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    String remote() {
        return remote;
    }
}
