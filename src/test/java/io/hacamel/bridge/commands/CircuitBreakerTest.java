package io.hacamel.bridge.commands;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker around the session: it opens after five failed calls in a row, sends calls straight to the REST
 * API while open, and closes again when a half-open probe over the session succeeds.
 */
class CircuitBreakerTest extends ServiceCallTestSupport {

    private static final String HALLWAY_ON = "{\"target\": {\"entity_id\": \"light.hallway\"}}";

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("commands.timeout", "2s");
        properties.put("camel.resilience4j.wait-duration-in-open-state", "1");
    }

    @Test
    void opensAfterFiveFailuresUsesRestAndClosesWhenAProbeSucceeds() {
        awaitReady();
        simulator.faults().withholdNextResults(5, "call_service");

        for (int i = 0; i < 5; i++) {
            Answer timedOut = call("light", "turn_on", HALLWAY_ON);
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.body().path("outcome").asText()).isEqualTo("unknown");
        }
        assertThat(breaker().path("state").asText()).isEqualTo("OPEN");
        assertThat(breaker().path("last_transition").asText()).isEqualTo("CLOSED_TO_OPEN");
        assertThat(metric("habridge_command_breaker_state{state=\"open\"}")).isEqualTo(1);

        Answer whileOpen = call("light", "turn_off", HALLWAY_ON);
        assertSucceeded(whileOpen, "rest");
        assertThat(whileOpen.body().path("fallback_reason").asText()).contains("circuit breaker is open");
        assertThat(whileOpen.body().path("context_id").asText()).isEqualTo(contextOf("light.hallway"));
        assertThat(state("light.hallway")).isEqualTo("off");
        assertThat(simulator.stats().wsExecutions("light.turn_off")).isZero();
        assertThat(simulator.stats().restExecutions("light.turn_off")).isEqualTo(1);

        // after a second open, the next call is the half-open probe over the session, which now answers again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                call("light", "turn_on", HALLWAY_ON).body().path("via").asText().equals("websocket"));

        assertThat(breaker().path("state").asText()).isEqualTo("CLOSED");
        assertThat(breaker().path("last_transition").asText()).isEqualTo("HALF_OPEN_TO_CLOSED");
        assertThat(metric("habridge_command_breaker_transitions_total{from=\"closed\",to=\"open\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_breaker_transitions_total{from=\"open\",to=\"half_open\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_breaker_transitions_total{from=\"half_open\",to=\"closed\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_breaker_state{state=\"closed\"}")).isEqualTo(1);
        assertThat(metric("habridge_command_fallbacks_total{reason=\"circuit_open\"}")).isPositive();
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"unknown\",via=\"websocket\"}")).isEqualTo(5);
        assertThat(simulator.stats().wsExecutions("light.turn_on")).isEqualTo(6);
        assertSucceeded(call("light", "turn_off", HALLWAY_ON), "websocket");
    }

    @Test
    void aFailedProbeOpensItAgain() {
        awaitReady();
        simulator.faults().withholdNextResults(6, "call_service");
        for (int i = 0; i < 5; i++) {
            call("light", "turn_on", HALLWAY_ON);
        }
        assertThat(breaker().path("state").asText()).isEqualTo("OPEN");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                call("light", "turn_on", HALLWAY_ON).status() == 504);

        assertThat(breaker().path("state").asText()).isEqualTo("OPEN");
        assertThat(breaker().path("last_transition").asText()).isEqualTo("HALF_OPEN_TO_OPEN");
        assertThat(simulator.stats().wsExecutions("light.turn_on")).isEqualTo(6);
    }

    @Test
    void whenBothPathsAreDownTheAnswerIs503WithWhatWasTried() {
        awaitReady();
        simulator.faults().withholdNextResults(5, "call_service");
        for (int i = 0; i < 5; i++) {
            call("light", "turn_on", HALLWAY_ON);
        }
        simulator.faults().restDown(true);

        Answer failed = call("light", "turn_off", HALLWAY_ON);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().path("success").asBoolean()).isFalse();
        assertThat(failed.body().path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.body().path("tried")).hasSize(2);
        assertThat(failed.body().path("tried").get(0).path("via").asText()).isEqualTo("websocket");
        assertThat(failed.body().path("tried").get(0).path("sent").asBoolean()).isFalse();
        assertThat(failed.body().path("tried").get(0).path("error").asText()).contains("circuit breaker is open");
        assertThat(failed.body().path("tried").get(1).path("via").asText()).isEqualTo("rest");
        assertThat(failed.body().path("tried").get(1).path("error").asText()).contains("HTTP 500");
        assertThat(simulator.stats().executions("light.turn_off")).isZero();
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"failed\",via=\"rest\"}")).isEqualTo(1);
    }
}
