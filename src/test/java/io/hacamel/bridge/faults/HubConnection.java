package io.hacamel.bridge.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A hub client with the bridge's API key that takes the welcome and then hands over each message in order. */
final class HubConnection implements AutoCloseable, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static HubConnection open(int port) throws Exception {
        HubConnection hub = new HubConnection();
        hub.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + FaultTestSupport.API_KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), hub).get(20, TimeUnit.SECONDS);
        assertThat(hub.next().path("type").asText()).isEqualTo("connection");
        assertThat(hub.next().path("type").asText()).isEqualTo("system_status");
        return hub;
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    JsonNode next() throws Exception {
        String message = messages.poll(15, TimeUnit.SECONDS);
        assertThat(message).as("a message from the hub within 15 s").isNotNull();
        return JSON.readTree(message);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
