package io.hacamel.bridge.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HubSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A hub client on the JDK's WebSocket client that records what the hub sent, in order: every message, and the close.
 * Tests take them with {@code next…()}, which waits up to a deadline, and end with {@link #assertExhausted()}.
 */
final class HubTestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hub closed the connection (or it broke: code 1006). */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;

    /** Connects to ws://127.0.0.1:port/ws plus {@code query}, with header pairs such as "Authorization", "Bearer k". */
    static HubTestClient connect(int port, String query, String... headers) {
        HubTestClient client = new HubTestClient();
        try {
            client.socket = builder(headers).buildAsync(uri(port, query), client.listener()).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not connect to the hub: " + e, e);
        }
        return client;
    }

    /** Connects with the test's API key ({@link BridgeTestSupport#API_KEY}) in the handshake. */
    static HubTestClient connectWithKey(int port) {
        return connect(port, "", "Authorization", "Bearer " + BridgeTestSupport.API_KEY);
    }

    /** Connected with the test's API key: the welcome and the system status are taken. */
    static HubTestClient welcomed(int port) {
        HubTestClient client = connectWithKey(port);
        client.nextMessage("connection");
        client.nextMessage("system_status");
        return client;
    }

    /** The HTTP status with which the hub refused the handshake. */
    static int refusedHandshake(int port, String query, String... headers) {
        return HubSocket.refusedHandshake(port, query, headers);
    }

    private static WebSocket.Builder builder(String... headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static URI uri(int port, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws" + query);
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        received.add(new AssertionError("not JSON: " + partial));
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                pings.incrementAndGet(); // the JDK's client answers with a pong by itself
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                received.add(new Closed(statusCode, reason));
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                received.add(new Closed(1006, String.valueOf(error)));
            }
        };
    }

    /** Sends a message {@code {"type":…,"data":…}} with an id when {@code id} is not null. */
    void send(String type, String dataJson, Integer id) {
        sendText("{\"type\":\"" + type + "\"" + (dataJson == null ? "" : ",\"data\":" + dataJson)
                + (id == null ? "" : ",\"id\":" + id) + "}");
    }

    void sendText(String text) {
        socket.sendText(text, true).toCompletableFuture().join();
    }

    /** Sends unless the connection is closing; false when it is. */
    boolean trySendText(String text) {
        try {
            sendText(text);
            return true;
        } catch (CompletionException e) {
            assertThat(socket.isOutputClosed()).as("failed with the connection open: %s", e).isTrue();
            return false;
        }
    }

    /** Sends text as two frames, to see that the hub judges the whole message. */
    void sendInTwoFrames(String first, String second) {
        socket.sendText(first, false).toCompletableFuture().join();
        socket.sendText(second, true).toCompletableFuture().join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).toCompletableFuture().join();
    }

    /** The next thing must be a message of this type, with a timestamp. */
    JsonNode nextMessage(String type) {
        Object next = next();
        assertThat(next).as("next thing the hub sent").isInstanceOf(JsonNode.class);
        JsonNode message = (JsonNode) next;
        assertThat(message.path("type").asText()).as("type of %s", message).isEqualTo(type);
        assertThat(message.path("timestamp").asText()).as("timestamp of %s", message).isNotEmpty();
        return message;
    }

    /** The next state change, which must be of this entity. */
    JsonNode nextStateChange(String entityId) {
        JsonNode change = nextMessage("entity_state_changed");
        assertThat(change.path("data").path("entity_id").asText()).as("entity of %s", change).isEqualTo(entityId);
        return change;
    }

    /** Skips messages until one of this type that matches. */
    JsonNode skipUntil(String type, Predicate<JsonNode> wanted) {
        while (true) {
            Object next = next();
            if (next instanceof Closed closed) {
                fail("closed while waiting for a %s message: %s", type, closed);
            }
            JsonNode message = (JsonNode) next;
            if (message.path("type").asText().equals(type) && wanted.test(message)) {
                return message;
            }
        }
    }

    /** Skips messages until one of these types. */
    JsonNode skipUntilAny(String... types) {
        List<String> wanted = List.of(types);
        while (true) {
            Object next = next();
            if (next instanceof Closed closed) {
                fail("closed while waiting for a message of %s: %s", wanted, closed);
            }
            JsonNode message = (JsonNode) next;
            if (wanted.contains(message.path("type").asText())) {
                return message;
            }
        }
    }

    /** The next thing must be the end of the connection. */
    Closed nextClose() {
        Object next = next();
        assertThat(next).as("next thing the hub sent").isInstanceOf(Closed.class);
        return (Closed) next;
    }

    /** WebSocket pings the hub sent (they are answered, and not recorded as messages). */
    int pings() {
        return pings.get();
    }

    /** The next thing the hub sent: a message or a {@link Closed}. */
    Object nextAnything() {
        return next();
    }

    private Object next() {
        try {
            Object next = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("the hub sent nothing within %s", WAIT);
            }
            if (next instanceof AssertionError error) {
                throw error;
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void assertExhausted() {
        assertThat(received).as("what the hub sent that no test looked at").isEmpty();
    }

    /** Closes with 1000 and waits for the hub to answer the close frame. */
    Closed closeCleanly() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        Closed closed = nextClose();
        socket.abort();
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        socket.abort();
    }
}
