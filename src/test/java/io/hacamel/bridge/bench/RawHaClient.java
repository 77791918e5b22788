package io.hacamel.bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The barest Home Assistant client there is, for the yardsticks: the JDK's WebSocket, one message at a time. It
 * either answers commands (the bare command round trip) or reads and discards events (the simulator's ceiling).
 */
final class RawHaClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean discarding;
    private int nextId = 1;

    private RawHaClient(String websocketUrl) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(websocketUrl), new Reader()).get(10, TimeUnit.SECONDS);
    }

    /** Connected and authenticated; with {@code discard} every frame after auth is counted and dropped. */
    static RawHaClient connect(String websocketUrl, String token, boolean discard) throws Exception {
        RawHaClient client = new RawHaClient(websocketUrl);
        client.expect("auth_required");
        client.socket.sendText("{\"type\":\"auth\",\"access_token\":\"" + token + "\"}", true).join();
        client.expect("auth_ok");
        if (!discard) {
            return client;
        }
        client.command("{\"type\":\"supported_features\",\"features\":{\"coalesce_messages\":1}}");
        client.command("{\"type\":\"subscribe_events\",\"event_type\":\"state_changed\"}");
        client.discarding = true;
        client.messages.clear();
        return client;
    }

    /** Sends a command (JSON without its id) and waits for its result; returns the result message. */
    JsonNode command(String withoutId) throws Exception {
        int id = nextId++;
        socket.sendText("{\"id\":" + id + "," + withoutId.substring(1), true).join();
        while (true) {
            JsonNode message = next();
            if (message.path("id").asInt() == id && "result".equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    long frames() {
        return frames.get();
    }

    private void expect(String type) throws Exception {
        JsonNode message = next();
        if (!type.equals(message.path("type").asText())) {
            throw new IllegalStateException("expected " + type + ", got " + message);
        }
    }

    private JsonNode next() throws Exception {
        String text = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new IllegalStateException("no message from the simulator within " + WAIT);
        }
        JsonNode frame = JSON.readTree(text);
        if (frame.isArray()) {
            for (int i = 1; i < frame.size(); i++) {
                messages.add(frame.get(i).toString());
            }
            return frame.get(0);
        }
        return frame;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private final class Reader implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (discarding) {
                if (last) {
                    frames.incrementAndGet();
                }
            } else {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
