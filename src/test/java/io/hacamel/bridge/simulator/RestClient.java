package io.hacamel.bridge.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Small REST helper on the JDK client, with the simulator's token unless told otherwise. */
final class RestClient {

    private final HttpClient http;
    private final String baseUrl;

    RestClient(String baseUrl) {
        this(baseUrl, null);
    }

    RestClient(String baseUrl, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) {
        return send(request(path, SimulatorOptions.DEFAULT_TOKEN).GET().build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path, SimulatorOptions.DEFAULT_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path, SimulatorOptions.DEFAULT_TOKEN).DELETE().build());
    }

    /** A GET that gives up after {@code timeout}; for the hanging-REST fault. */
    boolean answersWithin(String path, Duration timeout) {
        try {
            http.send(request(path, SimulatorOptions.DEFAULT_TOKEN).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            return true;
        } catch (java.net.http.HttpTimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(TestClient.WAIT).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
