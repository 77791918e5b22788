package io.hacamel.bridge.api;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** /health says whether the bridge is usable and why not; /status shows its configuration and counters. */
class HealthAndStatusTest extends BridgeTestSupport {

    @Test
    void healthIsUpWithTheSessionDetailsOnceReady() {
        awaitReady();

        Answer health = api.get("/health");

        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().path("home_assistant").path("connected").asBoolean()).isTrue();
        assertThat(health.body().path("home_assistant").path("state").asText()).isEqualTo("READY");
        assertThat(health.body().path("home_assistant").path("subscriptions").asInt())
                .as("ha.event-types, and the hub's area, device and entity registry events").isEqualTo(6);
        assertThat(health.body().path("home_assistant").path("reconnect_attempts").asInt()).isZero();
        assertThat(health.body().path("checks").findValuesAsText("id")).contains("homeassistant");
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
    }
}
