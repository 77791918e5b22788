package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A websocket client for the tests, on the JDK's client: every text message in a queue, the close code captured,
 * reading can be paused to play a client that stops reading.
 */
final class TestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private final CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket ws;

    static TestClient connect(String url) {
        return connect(url, null);
    }

    static TestClient connect(String url, SSLContext tls) {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (tls != null) {
            http.sslContext(tls);
        }
        TestClient client = new TestClient();
        client.ws = await(http.build().newWebSocketBuilder().buildAsync(URI.create(url), client.listener())
            .toCompletableFuture());
        return client;
    }

    /** Connected and authenticated with the simulator's default token. */
    static TestClient authenticated(HaSimulator simulator) {
        TestClient client = connect(simulator.websocketUrl());
        client.authenticate(SimulatorOptions.DEFAULT_TOKEN);
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                // ask for more before handing the message over: a close right after it must still be seen
                if (!paused.get()) {
                    socket.request(1);
                }
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
                pong.complete(message);
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete((short) statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.complete(null);
            }
        };
    }

    void authenticate(String token) {
        assertThat(next().path("type").asText()).isEqualTo("auth_required");
        sendText("{\"type\":\"auth\",\"access_token\":\"" + token + "\"}");
        assertThat(next().path("type").asText()).isEqualTo("auth_ok");
    }

    /** Sends a command with the next id (set in place) and returns that id. */
    int send(ObjectNode command) {
        int id = nextId.getAndIncrement();
        command.put("id", id);
        sendText(command.toString());
        return id;
    }

    int send(String type) {
        return send(command(type));
    }

    static ObjectNode command(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    void sendText(String text) {
        await(ws.sendText(text, true).toCompletableFuture());
    }

    /** Sends a protocol ping; the pong, if any, completes {@link #pong()}. */
    void ping() {
        await(ws.sendPing(ByteBuffer.wrap(new byte[] {1})).toCompletableFuture());
    }

    CompletableFuture<ByteBuffer> pong() {
        return pong;
    }

    /** The next text message, parsed. */
    JsonNode next() {
        return parse(nextRaw());
    }

    String nextRaw() {
        return nextRaw(WAIT);
    }

    String nextRaw(Duration timeout) {
        String message = poll(timeout);
        if (message == null) {
            throw new AssertionError("No message within " + timeout);
        }
        return message;
    }

    /** Asserts no message arrives within {@code quiet}. */
    void assertNoMessage(Duration quiet) {
        assertThat(poll(quiet)).as("unexpected message").isNull();
    }

    private String poll(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Messages until the answer (result or pong) to {@code id}; all of them, the answer last. */
    List<JsonNode> untilResult(int id) {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode message = next();
            seen.add(message);
            if (!message.path("type").asText().equals("event") && message.path("id").asInt() == id) {
                return seen;
            }
        }
    }

    JsonNode result(int id) {
        List<JsonNode> seen = untilResult(id);
        return seen.get(seen.size() - 1);
    }

    /** Stops reading from the socket, so the server's writes back up. */
    void pause() {
        paused.set(true);
    }

    void resume() {
        paused.set(false);
        ws.request(1);
    }

    /** The close code (1006 when the connection ended without a close frame), or null after an error. */
    Short awaitClose() {
        return await(closed);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        ws.abort();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
