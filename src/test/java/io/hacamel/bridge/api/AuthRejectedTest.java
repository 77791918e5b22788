package io.hacamel.bridge.api;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rejected token is final: one clear error, no retry loop, reported in /health and /status, and never sent again,
 * over the REST API either (each try would be another failed login, which Home Assistant bans addresses for).
 */
class AuthRejectedTest extends BridgeTestSupport {

    private static final String WRONG_TOKEN = "revoked-token-7d41";

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.token", WRONG_TOKEN);
    }

    @Test
    void aRejectedTokenIsReportedAndNotRetried() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/health").body().path("home_assistant").path("state").asText().equals("AUTH_FAILED"));

        Answer health = api.get("/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode check = null;
        for (JsonNode candidate : health.body().path("checks")) {
            check = candidate.path("id").asText().equals("homeassistant") ? candidate : check;
        }
        assertThat(check).isNotNull();
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("message").asText()).contains("rejected the access token");
        assertThat(health.text()).doesNotContain(WRONG_TOKEN);
        Answer status = api.get("/status");
        assertThat(status.body().path("home_assistant").path("auth_failures").asLong()).isEqualTo(1);
        assertThat(status.text()).doesNotContain(WRONG_TOKEN);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> simulator.stats().totalConnections() == 1);
    }

    @Test
    void aRejectedTokenIsNotSentOverTheRestApiEither() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/health").body().path("home_assistant").path("state").asText().equals("AUTH_FAILED"));

        Answer read = api.get("/api/v1/states/light.camel_lamp");
        assertThat(read.status()).as(read.text()).isEqualTo(503);
        assertThat(read.body().path("error").asText()).contains("rejected the bridge's access token");
        Answer call = api.post("/api/v1/services/light/turn_on", "{\"target\":{\"entity_id\":\"light.camel_lamp\"}}");
        assertThat(call.status()).as(call.text()).isEqualTo(503);
        assertThat(call.body().path("outcome").asText()).isEqualTo("failed");
        JsonNode rest = call.body().path("tried").path(call.body().path("tried").size() - 1);
        assertThat(rest.path("via").asText()).isEqualTo("rest");
        assertThat(rest.path("sent").asBoolean(true)).isFalse();
        assertThat(call.text()).doesNotContain(WRONG_TOKEN);

        assertThat(simulator.stats().restRequests()).as("REST requests Home Assistant received").isZero();
        assertThat(simulator.stats().authFailures()).isEqualTo(1);
    }
}
