package io.hacamel.bridge.commands;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole bridge with an API key, against the demo home (lights, locks, weather.get_forecasts with a response). */
abstract class ServiceCallTestSupport extends BridgeTestSupport {

    static final String API_KEY = "bridge-key-7d41c09b";

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    @Override
    protected final void bridgeProperties(Properties properties) {
        properties.put("bridge.api-key", API_KEY);
        serviceCallProperties(properties);
    }

    /** Settings of the test class. */
    protected void serviceCallProperties(Properties properties) {
    }

    /** {@code POST /api/v1/services/{domain}/{service}} with the API key. */
    Answer call(String domain, String service, String json) {
        return post("/api/v1/services/" + domain + "/" + service, json, API_KEY);
    }

    Answer post(String path, String json, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey == null) {
            return api.withoutKey().send(request);
        }
        return api.send(request.header("Authorization", "Bearer " + apiKey));
    }

    /** The circuit breaker as /status shows it. */
    JsonNode breaker() {
        return api.get("/status").body().path("service_calls").path("circuit_breaker");
    }

    /** The value of one sample in /metrics, e.g. {@code habridge_command_fallbacks_total{reason="not_sent"}}; 0 if absent. */
    double metric(String sample) {
        return api.get("/metrics").text().lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1))).orElse(0.0);
    }

    String state(String entityId) {
        return simulator.home().state(entityId).path("state").asText();
    }

    String contextOf(String entityId) {
        return simulator.home().state(entityId).path("context").path("id").asText();
    }

    static void assertSucceeded(Answer answer, String via) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.body().path("outcome").asText()).isEqualTo("success");
        assertThat(answer.body().path("via").asText()).isEqualTo(via);
        assertThat(answer.body().path("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(answer.body().path("timestamp").asText()).isNotEmpty();
    }
}
