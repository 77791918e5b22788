package io.hacamel.bridge.commands;

import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** commands.resend-if-unknown: the services a user declares safe to run twice are re-sent over REST after a timeout. */
class UnknownOutcomeResendTest extends ServiceCallTestSupport {

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("commands.timeout", "1s");
        properties.put("commands.resend-if-unknown", "light.turn_*");
    }

    @Test
    void aListedServiceIsSentAgainOverRest() {
        awaitReady();
        simulator.faults().withholdNextResults(1, "call_service");

        Answer answer = call("light", "turn_off", "{\"target\": {\"entity_id\": \"light.hallway\"}}");

        assertSucceeded(answer, "rest");
        assertThat(answer.body().path("fallback_reason").asText()).contains("outcome unknown", "re-sent");
        assertThat(simulator.stats().wsExecutions("light.turn_off")).isEqualTo(1);
        assertThat(simulator.stats().restExecutions("light.turn_off")).isEqualTo(1);
        assertThat(state("light.hallway")).isEqualTo("off");
        assertThat(metric("habridge_command_fallbacks_total{reason=\"resend_unknown\"}")).isEqualTo(1);
        assertThat(api.get("/status").body().path("service_calls").path("resend_if_unknown").asText())
                .isEqualTo("light.turn_*");
    }

    @Test
    void anUnlistedServiceIsNot() {
        awaitReady();
        simulator.faults().withholdNextResults(1, "call_service");

        Answer answer = call("input_boolean", "toggle", "{\"target\": {\"entity_id\": \"input_boolean.guest_mode\"}}");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("unknown");
        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(1);
        assertThat(simulator.stats().restRequests()).isZero();
    }
}
