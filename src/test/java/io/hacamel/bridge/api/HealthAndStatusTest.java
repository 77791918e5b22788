package io.hacamel.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /health says in short whether the bridge is usable and why not (every check with ?details=true); /status shows its
 * configuration and counters; both show the bridge's role (a bridge without a pair leads).
 */
class HealthAndStatusTest extends BridgeTestSupport {

    @Test
    void healthIsUpWithTheSessionDetailsOnceReadyAndNoWallOfChecks() {
        awaitReady();

        Answer health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().path("home_assistant").path("connected").asBoolean()).isTrue();
        assertThat(health.body().path("home_assistant").path("state").asText()).isEqualTo("READY");
        assertThat(health.body().path("home_assistant").path("subscriptions").asInt())
                .as("ha.event-types, and the hub's area, device and entity registry events").isEqualTo(6);
        assertThat(health.body().path("home_assistant").path("reconnect_attempts").asInt()).isZero();
        assertThat(health.body().path("cluster").path("role").asText()).as("the only bridge leads")
                .isEqualTo("leader");
        assertThat(health.body().path("cluster").path("kind").asText()).isEqualTo("none");
        assertThat(health.body().path("checks")).as("only what is not UP").isEmpty();
        assertThat(health.text()).hasSizeLessThan(600);
    }

    @Test
    void everyCheckWithDetailsAndAnOffRouteIsNeverUp() {
        awaitReady();

        JsonNode checks = api.get("/health?details=true").body().path("checks");

        assertThat(checks.findValuesAsText("id")).contains("homeassistant", "context", "route:get-state")
                .hasSizeGreaterThan(40);
        assertThat(statusOf(checks, "homeassistant")).isEqualTo("UP");
        assertThat(statusOf(checks, "route:get-state")).isEqualTo("UP");
        assertThat(statusOf(checks, "route:example-automation")).as("commands.example-automation=false")
                .isEqualTo("DISABLED");
        assertThat(statusOf(checks, "consumer:example-automation")).isEqualTo("DISABLED");
    }

    @Test
    void healthIsDownWithTheReasonWhenHomeAssistantGoesAway() {
        awaitReady();

        simulator.faults().refuseConnections(true);
        simulator.faults().dropConnections();

        org.awaitility.Awaitility.await().until(() -> api.get("/health").status() == 503);
        Answer health = api.get("/health");
        assertThat(health.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(health.body().path("home_assistant").path("connected").asBoolean()).isFalse();
        assertThat(health.body().path("home_assistant").path("last_error").asText()).isNotEmpty();
        assertThat(health.body().path("checks").findValuesAsText("id")).as("only what is DOWN")
                .containsExactly("homeassistant");
        assertThat(statusOf(health.body().path("checks"), "homeassistant")).isEqualTo("DOWN");
    }

    private static String statusOf(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.path("id").asText().equals(id)) {
                return check.path("status").asText();
            }
        }
        throw new AssertionError("no check " + id + " in " + checks);
    }

    @Test
    void statusShowsConfigurationWithSecretsMaskedAndTheCounters() {
        awaitReady();

        Answer status = api.get("/status");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.text()).doesNotContain(TOKEN);
        assertThat(status.body().path("configuration").path("ha.token").asText()).isEqualTo("****");
        assertThat(status.body().path("configuration").path("cache.mode").asText()).isEqualTo("update");
        assertThat(status.body().path("home_assistant").path("ha_version").asText()).isEqualTo("2023.6.3");
        assertThat(status.body().path("home_assistant").path("known_entities").asInt()).isEqualTo(6);
        assertThat(status.body().path("home_assistant").path("connected_since").asText()).endsWith("Z");
        assertThat(status.body().path("home_assistant").path("disconnected_since").isNull())
                .as("never disconnected: JSON null, not the text \"null\"").isTrue();
        assertThat(status.body().path("cache").path("entities").asLong()).isEqualTo(6);
        assertThat(status.body().path("cache").path("complete").asBoolean()).isTrue();
        assertThat(status.body().path("filter").path("enabled").asBoolean()).isTrue();
        assertThat(status.body().path("cluster").path("role").asText()).as("the only bridge leads")
                .isEqualTo("leader");
        assertThat(status.body().path("cluster").path("holder").asText()).endsWith(":" + httpPort);
        assertThat(status.body().path("configuration").path("cluster.kind").asText()).isEqualTo("none");
    }
}
