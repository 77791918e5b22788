package io.hacamel.bridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client for the bridge's API: every answer is read as JSON. It presents its key
 * ({@code Authorization: Bearer}) on every request that does not carry an Authorization header of its own.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status, its JSON body (null when it is not JSON), its text and headers. */
    public record Answer(int status, JsonNode body, String text, HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Threads for requests that run side by side (daemons: a test that fails leaves none behind). */
    private final Executor concurrentRequests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "api-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final String base;
    private final String key;

    /** A client that presents no key. */
    public ApiClient(int port) {
        this(port, null);
    }

    /** A client that presents {@code key}; null or empty for none. */
    public ApiClient(int port, String key) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port, key);
    }

    private ApiClient(HttpClient http, String base, String key) {
        this.http = http;
        this.base = base;
        this.key = key == null || key.isEmpty() ? null : key;
    }

    /**
     * The same bridge, without a key: what anybody on the network gets. Over this client's connections, whose first
     * request upgraded to HTTP/2 (h2c): an upgrade request keeps only the last of repeated headers.
     */
    public ApiClient withoutKey() {
        return new ApiClient(http, base, null);
    }

    /** The key this client presents; null for none. */
    public String key() {
        return key;
    }

    /** The address of a path on the bridge, for requests built by hand. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The same POST, without waiting for its answer. */
    public CompletableFuture<Answer> postAsync(String path, String json) {
        return CompletableFuture.supplyAsync(() -> post(path, json), concurrentRequests);
    }

    public Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        if (key != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + key)
                    .build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON: the test looks at the text
            }
            return new Answer(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
