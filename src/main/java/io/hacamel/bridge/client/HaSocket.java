package io.hacamel.bridge.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to Home Assistant and its auth handshake: {@code auth_required → auth → auth_ok}. Handlers are
 * attached before the upgrade completes and every callback runs on one Vert.x context, so frames are read in order by
 * a single reader. The {@code auth} message is sent as soon as the upgrade completes rather than after
 * {@code auth_required}: Vert.x 4.5 can lose a frame that shares a TCP packet with the 101 response (measured: about
 * 1 in 100 connects), and that frame is {@code auth_required}; Home Assistant reads {@code auth} whenever it arrives.
 * After the handshake each message (array frames are split) goes to the {@link Listener}.
 */
final class HaSocket {

    /** What the socket reports after the handshake. All calls happen on the socket's context. */
    interface Listener {

        void onMessage(HaSocket socket, JsonNode message);

        /** An event of the usual shape, read without a tree (see {@link EventScan}), for subscription {@code id}. */
        void onEvent(HaSocket socket, int id, HaEvent event);

        void onMalformed(HaSocket socket, String frameExcerpt, Exception cause);

        /** Called once, when the socket is gone for whatever reason. */
        void onClosed(HaSocket socket, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HaSocket.class);

    private enum Phase { UPGRADING, AUTHENTICATING, OPEN, CLOSED }

    private static final int EXCERPT_LENGTH = 200;

    private final Context context;
    private final ObjectMapper mapper;
    private final Listener listener;
    private final String token;
    private final Promise<String> handshake = Promise.promise();
    private final int maxMessageSize;
    private final ClientWebSocket ws;
    private Phase phase = Phase.UPGRADING;
    private Future<io.vertx.core.http.WebSocket> connecting;
    private long handshakeTimer = -1;
    private String closeReason;
    /** The frames so far of a message Home Assistant sent in several; null between messages. */
    private Buffer fragments;
    private boolean binaryMessage;
    private boolean oversized;
    /** The message (one frame, or several put together) whose contents the listener is being told; else null. */
    private Buffer reading;

    private HaSocket(WebSocketClient client, Context context, ObjectMapper mapper, String token, int maxMessageSize,
            Listener listener) {
        this.context = context;
        this.maxMessageSize = maxMessageSize;
        this.mapper = mapper;
        this.token = token;
        this.listener = listener;
        this.ws = client.webSocket();
    }

    /**
     * Connects and authenticates. The future completes on {@code context} with Home Assistant's version, or fails with
     * an {@link HaException}: CANNOT_CONNECT, INVALID_AUTH, HANDSHAKE_TIMEOUT or PROTOCOL_ERROR.
     */
    static Future<HaSocket> open(WebSocketClient client, Context context, ObjectMapper mapper, URI url, String token,
            HaClientOptions options, Listener listener) {
        Duration handshakeTimeout = options.handshakeTimeout();
        HaSocket socket = new HaSocket(client, context, mapper, token, options.maxFrameSize(), listener);
        Promise<HaSocket> opened = Promise.promise();
        context.runOnContext(v -> socket.start(url, handshakeTimeout));
        socket.handshake.future().onComplete(ar -> {
            if (ar.succeeded()) {
                opened.complete(socket);
            } else {
                opened.fail(ar.cause());
            }
        });
        return opened.future();
    }

    private void start(URI url, Duration handshakeTimeout) {
        ws.frameHandler(this::onFrame);
        ws.exceptionHandler(this::onError);
        ws.closeHandler(v -> onClose());
        handshakeTimer = context.owner().setTimer(handshakeTimeout.toMillis(), t -> {
            handshakeTimer = -1;
            failHandshake(new HaException(HaErrorCode.HANDSHAKE_TIMEOUT,
                    "no auth_ok from Home Assistant within " + handshakeTimeout.toMillis() + " ms"));
        });
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url.toString())
                .setTimeout(handshakeTimeout.toMillis());
        // called on our context, so the socket's callbacks stay on it
        connecting = ws.connect(options)
                .onSuccess(upgraded -> sendAuth())
                .onFailure(e -> failHandshake(
                        new HaException(HaErrorCode.CANNOT_CONNECT, "cannot connect to " + url + ": " + describe(e), e)));
    }

    /** Writes one text frame; the future fails when it could not be written. Thread-safe, order-preserving. */
    Future<Void> write(String text) {
        return ws.writeTextMessage(text);
    }

    /** The Home Assistant version announced in {@code auth_ok}. */
    String haVersion() {
        return handshake.future().result();
    }

    /** Closes the socket; the listener hears {@code onClosed} with this reason at once. Runs on the context. */
    void close(String reason) {
        context.runOnContext(v -> {
            if (phase == Phase.CLOSED) {
                return;
            }
            closeReason = reason;
            connecting.onSuccess(w -> ws.close());
            onClose();
        });
    }

    /**
     * Reads whole messages from their frames, as Vert.x's text message handler does, but parses the bytes as they
     * came: decoding every event frame to a {@code String} first doubled what the reader allocated.
     */
    private void onFrame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return; // pings, pongs and the close frame are Vert.x's
        }
        if (!frame.isContinuation()) {
            fragments = null;
            binaryMessage = frame.isBinary();
            oversized = false;
        }
        if (frame.isFinal() && fragments == null && !oversized) {
            onMessage(frame.binaryData()); // the usual case: Home Assistant sends each message in one frame
            return;
        }
        if (!oversized) {
            fragments = fragments == null ? frame.binaryData().copy() : fragments.appendBuffer(frame.binaryData());
            if (fragments.length() > maxMessageSize) {
                oversized = true;
                listenerMalformed("(not read) a fragmented message over the maximum message size of "
                        + maxMessageSize + " bytes", null);
                fragments = null;
            }
        }
        if (frame.isFinal()) {
            Buffer message = fragments;
            fragments = null;
            if (message != null) {
                onMessage(message);
            }
        }
    }

    private void onMessage(Buffer data) {
        if (binaryMessage) {
            listenerMalformed("binary frame of " + data.length() + " bytes", null);
        } else if (phase == Phase.OPEN) {
            ByteBuf buffer = data.getByteBuf();
            byte[] bytes = buffer.hasArray() ? buffer.array() : data.getBytes();
            int offset = buffer.hasArray() ? buffer.arrayOffset() + buffer.readerIndex() : 0;
            List<EventScan.Message> messages;
            try {
                messages = EventScan.messages(bytes, offset, data.length());
            } catch (Exception e) {
                listenerMalformed(excerpt(data), e);
                return;
            }
            if (messages == null) {
                listenerMalformed(excerpt(data), null);
                return;
            }
            reading = data;
            try {
                for (EventScan.Message message : messages) {
                    dispatch(message, bytes, data);
                }
            } finally {
                reading = null;
            }
        } else if (phase != Phase.CLOSED) {
            onHandshakeText(data.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The bytes of the states in the result of request {@code id}, for a listener told about that result (on the
     * reader, while it is told); null otherwise, or when the result is not a list of states. See {@link StateSlices}.
     */
    List<byte[]> stateSlices(int id) {
        return reading == null ? null : StateSlices.of(reading, id);
    }

    /** An event of the usual shape as read from its tokens; anything else as a tree of its bytes. */
    private void dispatch(EventScan.Message message, byte[] bytes, Buffer frameData) {
        if (message.type() == null) {
            listenerMalformed(excerpt(frameData), null);
        } else if (message.event() != null && "event".equals(message.type())) {
            listener.onEvent(this, message.id(), message.event());
        } else {
            JsonNode tree;
            try {
                tree = mapper.readTree(bytes, message.start(), message.end() - message.start());
            } catch (IOException e) {
                listenerMalformed(excerpt(frameData), e); // read as tokens already: cannot happen
                return;
            }
            listener.onMessage(this, tree);
        }
    }

    private void onHandshakeText(String text) {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            failHandshake(new HaException(HaErrorCode.PROTOCOL_ERROR,
                    "unreadable frame during the handshake: " + excerpt(text)));
            return;
        }
        String type = message.path("type").asText("");
        if (phase == Phase.AUTHENTICATING && type.equals("auth_required")) {
            LOG.debug("auth_required from Home Assistant {}", message.path("ha_version").asText("?"));
        } else if (phase == Phase.AUTHENTICATING && type.equals("auth_ok")) {
            phase = Phase.OPEN;
            cancelHandshakeTimer();
            handshake.tryComplete(message.path("ha_version").asText("unknown"));
        } else if (phase == Phase.AUTHENTICATING && type.equals("auth_invalid")) {
            failHandshake(new HaException(HaErrorCode.INVALID_AUTH,
                    "Home Assistant rejected the access token: " + message.path("message").asText("auth_invalid")));
        } else {
            failHandshake(new HaException(HaErrorCode.PROTOCOL_ERROR,
                    "unexpected '" + type + "' during the handshake (phase " + phase + ")"));
        }
    }

    private void sendAuth() {
        if (phase == Phase.UPGRADING) {
            phase = Phase.AUTHENTICATING;
            ws.writeTextMessage(HaMessages.auth(token == null ? "" : token).toString());
        }
    }

    private void failHandshake(HaException error) {
        if (handshake.tryFail(error)) {
            cancelHandshakeTimer();
            closeReason = error.getMessage();
            phase = Phase.CLOSED;
            if (connecting != null) {
                connecting.onSuccess(w -> ws.close());
            }
        }
    }

    private void onError(Throwable error) {
        String description = describe(error);
        if (phase == Phase.OPEN) {
            closeReason = closeReason != null ? closeReason : description; // the close handler follows
        } else {
            failHandshake(new HaException(HaErrorCode.CANNOT_CONNECT, "WebSocket error: " + description, error));
        }
    }

    private void onClose() {
        if (phase == Phase.CLOSED && handshake.future().failed()) {
            return; // the handshake failure already told the caller
        }
        boolean wasOpen = phase == Phase.OPEN;
        phase = Phase.CLOSED;
        cancelHandshakeTimer();
        String reason = closeReason != null ? closeReason : closeDescription();
        if (wasOpen) {
            listener.onClosed(this, reason);
        } else {
            handshake.tryFail(new HaException(HaErrorCode.CANNOT_CONNECT,
                    "Home Assistant closed the connection during the handshake: " + reason));
        }
    }

    private String closeDescription() {
        Short code = ws.isClosed() ? ws.closeStatusCode() : null;
        String text = ws.isClosed() ? ws.closeReason() : null;
        if (code == null) {
            return "connection closed";
        }
        return "closed by Home Assistant with code " + code + (text == null || text.isEmpty() ? "" : " (" + text + ")");
    }

    private void listenerMalformed(String excerpt, Exception cause) {
        listener.onMalformed(this, excerpt, cause);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer >= 0) {
            context.owner().cancelTimer(handshakeTimer);
            handshakeTimer = -1;
        }
    }

    /** Frame limits, closing timeout and TLS trust for the sockets of one connection. */
    static WebSocketClientOptions clientOptions(HaClientOptions options, URI url) {
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

    private static String excerpt(Buffer data) {
        return excerpt(data.toString(StandardCharsets.UTF_8));
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "… (" + text.length() + " chars)";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
