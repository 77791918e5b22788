package io.hacamel.bridge.commands;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls the session cannot take go over Home Assistant's REST API, with the bridge's token and nothing of the caller's
 * request but the call. The session is lost at the start of each test and stays away (the reconnect waits a minute).
 */
class RestFallbackTest extends ServiceCallTestSupport {

    private static final String GUEST_MODE = "{\"target\": {\"entity_id\": \"input_boolean.guest_mode\"}}";

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("ha.reconnect.initial-delay", "60s");
        properties.put("ha.reconnect.max-delay", "60s");
        properties.put("ha.rest.response-timeout", "1s");
    }

    @Test
    void aCallGoesOverRestWhenTheSessionIsDown() {
        loseTheSession();

        try (LogCapture logs = LogCapture.capture()) {
            Answer answer = call("input_boolean", "toggle", GUEST_MODE);

            assertSucceeded(answer, "rest");
            assertThat(answer.body().path("fallback_reason").asText()).contains("no session", "not sent");
            assertThat(answer.body().path("context_id").asText()).isEqualTo(contextOf("input_boolean.guest_mode"));
            assertThat(state("input_boolean.guest_mode")).isEqualTo("on");
            assertThat(simulator.stats().restExecutions("input_boolean.toggle")).isEqualTo(1);
            assertThat(simulator.stats().wsExecutions("input_boolean.toggle")).isZero();
            assertThat(logs.lines()).anyMatch(line -> line.contains("Service call input_boolean.toggle goes over "
                    + "the REST API: no session with Home Assistant"));
        }
        assertThat(metric("habridge_command_fallbacks_total{reason=\"not_sent\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"not_sent\",via=\"websocket\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"success\",via=\"rest\"}")).isEqualTo(1);
    }

    @Test
    void nothingOfTheCallersRequestButTheCallReachesHomeAssistant() {
        loseTheSession();

        Answer answer = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/services/input_boolean/toggle?return_response=true"))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .header("CamelHttpUri", simulator.httpUrl() + "/api/services/lock/unlock")
                .header("CamelHttpPath", "../../lock/unlock")
                .header("CamelHttpQuery", "return_response")
                .header("CamelHomeAssistantService", "turn_off")
                .POST(HttpRequest.BodyPublishers.ofString(GUEST_MODE)));

        assertSucceeded(answer, "rest");
        assertThat(simulator.stats().restExecutions("input_boolean.toggle")).isEqualTo(1);
        assertThat(simulator.stats().executions("lock.unlock")).isZero();
        assertThat(simulator.stats().executions("input_boolean.turn_off")).isZero();
    }

    @Test
    void returnsTheServiceResponseOverRest() {
        loseTheSession();

        Answer answer = call("weather", "get_forecasts", """
                {"target": {"entity_id": "weather.home"}, "service_data": {"type": "daily"}, "return_response": true,
                 "correlation_id": "c-1"}""");

        assertSucceeded(answer, "rest");
        assertThat(answer.body().path("response").path("weather.home").path("forecast").size()).isPositive();
        assertThat(answer.body().path("correlation_id").asText()).isEqualTo("c-1");
    }

    @Test
    void homeAssistantsRefusalOverRestIs400() {
        loseTheSession();

        Answer answer = call("light", "does_not_exist", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("rejected");
        assertThat(answer.body().path("via").asText()).isEqualTo("rest");
        assertThat(answer.body().path("error").asText()).contains("HTTP 400");
    }

    @Test
    void aRestCallWithoutAnswerHasAnUnknownOutcomeAndIsNotRepeated() {
        loseTheSession();
        simulator.faults().restHang(true);

        Answer answer = call("input_boolean", "toggle", GUEST_MODE);

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("unknown");
        assertThat(answer.body().path("via").asText()).isEqualTo("rest");
        assertThat(answer.body().path("tried").get(1).path("sent").asBoolean()).isTrue();
        assertThat(simulator.stats().restRequests()).isEqualTo(1);
    }

    @Test
    void whenHomeAssistantIsUnreachableTheAnswerIs503AndNothingWasSent() {
        loseTheSession();
        simulator.faults().refuseConnections(true);

        Answer answer = call("input_boolean", "toggle", GUEST_MODE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("failed");
        assertThat(answer.body().path("tried").get(0).path("sent").asBoolean()).isFalse();
        assertThat(answer.body().path("tried").get(1).path("sent").asBoolean()).isFalse();
        assertThat(answer.body().path("tried").get(1).path("error").asText()).contains("cannot reach");
        assertThat(simulator.stats().executions("input_boolean.toggle")).isZero();
    }

    @Test
    void aRejectedTokenOverRestIs503() {
        loseTheSession();
        simulator.faults().acceptToken("another-token");

        Answer answer = call("input_boolean", "toggle", GUEST_MODE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("tried").get(1).path("error").asText()).contains("access token", "401");
        assertThat(answer.text()).doesNotContain(TOKEN, API_KEY);
        assertThat(simulator.stats().executions("input_boolean.toggle")).isZero();
    }

    private void loseTheSession() {
        awaitReady();
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 503);
    }
}
