package io.hacamel.bridge.events;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.PrometheusScrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** cache.mode=invalidate: a change drops the cached state, and the next read fetches it fresh. */
class InvalidateModeTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("cache.mode", "invalidate");
    }

    @Test
    void aChangeDropsTheStateAndTheNextReadFetchesItFromHomeAssistant() {
        awaitReady();
        assertThat(api.get("/api/v1/states/switch.camel_switch").body().path("source").asText())
                .isEqualTo("home_assistant");
        assertThat(api.get("/api/v1/states/switch.camel_switch").body().path("source").asText()).isEqualTo("cache");
        long restBefore = simulator.stats().restRequests();

        simulator.home().setState("switch.camel_switch", "on");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states/switch.camel_switch").body().path("state").asText().equals("on"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states/switch.camel_switch").body().path("source").asText().equals("cache"));
        assertThat(simulator.stats().restRequests()).isGreaterThan(restBefore);
        Answer cached = api.get("/api/v1/states/switch.camel_switch");
        assertThat(cached.body().path("state").asText()).isEqualTo("on");
    }

    @Test
    void anEntityHomeAssistantDidNotHaveIsFoundAsSoonAsItIsAdded() {
        awaitReady();
        assertThat(api.get("/api/v1/states/light.porch").status()).isEqualTo(404);
        long restBefore = simulator.stats().restRequests();
        assertThat(api.get("/api/v1/states/light.porch").status()).isEqualTo(404);
        assertThat(simulator.stats().restRequests()).as("cache.not-found-ttl").isEqualTo(restBefore);

        double processed = processedStateChanges();
        simulator.home().addEntity("light.porch", "on", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> processedStateChanges() > processed);

        Answer added = api.get("/api/v1/states/light.porch");
        assertThat(added.status()).as("well within cache.not-found-ttl").isEqualTo(200);
        assertThat(added.body().path("state").asText()).isEqualTo("on");
    }

    private double processedStateChanges() {
        return PrometheusScrape.of(api.get("/metrics").text()).value("habridge_events_processed_total", "type",
                "state_changed");
    }

    @Test
    void listsComeFromHomeAssistantUntilTheNextChange() {
        awaitReady();
        long restBefore = simulator.stats().restRequests();

        Answer first = api.get("/api/v1/states");
        assertThat(first.body()).hasSize(6).allSatisfy(state ->
                assertThat(state.path("source").asText()).isEqualTo("home_assistant"));
        assertThat(api.get("/api/v1/states").body()).allSatisfy(state ->
                assertThat(state.path("source").asText()).isEqualTo("cache"));

        simulator.home().setState("switch.camel_switch", "on");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states").body().get(0).path("source").asText().equals("home_assistant"));
        assertThat(simulator.stats().restRequests()).isEqualTo(restBefore);
    }
}
