package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatorOptions;

import static org.awaitility.Awaitility.await;

/**
 * Every service call Home Assistant (the simulator) ran, as a client of its own sees them: subscribed to its
 * {@code call_service} events, as Home Assistant's logbook does, and counted by the {@code message} of their
 * service data, which the tests make unique per command and per automation run.
 */
final class ServiceCallLedger implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final StringBuilder frame = new StringBuilder();
    private WebSocket socket;

    static ServiceCallLedger follow(HaSimulator simulator) {
        ServiceCallLedger ledger = new ServiceCallLedger();
        ledger.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(simulator.websocketUrl()), ledger).join();
        try {
            ledger.subscribed.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not subscribe to call_service events", e);
        }
        return ledger;
    }

    /** How many times a call with this message ran. */
    int runs(String message) {
        AtomicInteger count = runs.get(message);
        return count == null ? 0 : count.get();
    }

    /** The messages starting with {@code prefix}, each with how often it ran. */
    Map<String, Integer> runs(String prefix, boolean onlyRepeated) {
        Map<String, Integer> selected = new TreeMap<>();
        runs.forEach((message, count) -> {
            if (message.startsWith(prefix) && (!onlyRepeated || count.get() > 1)) {
                selected.put(message, count.get());
            }
        });
        return selected;
    }

    void awaitRun(String message, Duration within) {
        await().atMost(within).until(() -> runs(message) > 0);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        frame.append(data);
        if (last) {
            handle(webSocket, frame.toString());
            frame.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void handle(WebSocket webSocket, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON from the simulator: " + text, e);
        }
        switch (message.path("type").asText()) {
            case "auth_required" -> webSocket.sendText("{\"type\":\"auth\",\"access_token\":\""
                    + SimulatorOptions.DEFAULT_TOKEN + "\"}", true);
            case "auth_ok" -> webSocket.sendText(
                    "{\"id\":1,\"type\":\"subscribe_events\",\"event_type\":\"call_service\"}", true);
            case "result" -> subscribed.complete(null);
            case "event" -> {
                String called = message.path("event").path("data").path("service_data").path("message").asText("");
                if (!called.isEmpty()) {
                    runs.computeIfAbsent(called, m -> new AtomicInteger()).incrementAndGet();
                }
            }
            default -> {
            }
        }
    }
}
