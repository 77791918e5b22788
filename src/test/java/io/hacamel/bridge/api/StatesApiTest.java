package io.hacamel.bridge.api;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The states API of the whole bridge, against the simulator's transcript home. */
class StatesApiTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.rest.response-timeout", "1s");
    }

    @Test
    void servesEveryStateFromTheCache() {
        awaitReady();

        Answer all = api.get("/api/v1/states");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).hasSize(6);
        assertThat(all.body().get(0).path("entity_id").asText()).isEqualTo("input_boolean.camel_lamp_state");
        for (JsonNode state : all.body()) {
            assertThat(state.path("source").asText()).isEqualTo("cache");
            assertThat(state.path("stale").asBoolean()).isFalse();
            assertThat(state.has("age_seconds")).isFalse();
            assertThat(state.path("last_updated").asText()).isNotEmpty();
        }
    }

    @Test
    void servesOneStateAndOneDomain() {
        awaitReady();

        Answer lamp = api.get("/api/v1/states/light.camel_lamp");
        assertThat(lamp.status()).isEqualTo(200);
        assertThat(lamp.body().path("state").asText()).isEqualTo("off");
        assertThat(lamp.body().path("attributes").path("friendly_name").asText()).isEqualTo("Camel Lamp");
        assertThat(lamp.body().path("source").asText()).isEqualTo("cache");

        Answer booleans = api.get("/api/v1/states?domain=input_boolean");
        assertThat(booleans.body()).extracting(state -> state.path("entity_id").asText())
                .containsExactly("input_boolean.camel_lamp_state", "input_boolean.camel_test");
    }

    @Test
    void followsChangesInHomeAssistant() {
        awaitReady();
        assertThat(api.get("/api/v1/states?domain=switch").body().get(0).path("state").asText()).isEqualTo("off");

        simulator.home().setState("switch.camel_switch", "on");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/states/switch.camel_switch").body().path("state").asText().equals("on"));
        assertThat(api.get("/api/v1/states?domain=switch").body().get(0).path("state").asText()).isEqualTo("on");
        assertThat(api.get("/api/v1/states").body().findValuesAsText("state")).contains("on");
    }

    @Test
    void aMalformedEntityIdIsRefusedAndNeverReachesHomeAssistant() {
        awaitReady();
        long restCallsBefore = simulator.stats().restRequests();

        for (String bad : List.of("light", "light.", "Light.Lamp", "light.lamp.x", "light.la%20mp", "light..lamp",
                "light.lamp%2F..%2F..%2Fconfig", "..%2F..%2Fapi%2Fconfig")) {
            Answer answer = api.get("/api/v1/states/" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.body().path("success").asBoolean()).isFalse();
            assertThat(answer.body().path("field").asText()).isEqualTo("entity_id");
            assertThat(answer.body().path("timestamp").asText()).isNotEmpty();
        }
        Answer badDomain = api.get("/api/v1/states?domain=Light;drop");
        assertThat(badDomain.status()).isEqualTo(400);
        assertThat(badDomain.body().path("field").asText()).isEqualTo("domain");
        assertThat(simulator.stats().restRequests()).isEqualTo(restCallsBefore);
    }

    @Test
    void anUnknownEntityIs404AndHomeAssistantIsNotAskedAgainRightAway() {
        awaitReady();
        long restCallsBefore = simulator.stats().restRequests();

        Answer answer = api.get("/api/v1/states/light.does_not_exist");
        Answer again = api.get("/api/v1/states/light.does_not_exist");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).contains("light.does_not_exist");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("error").asText()).contains("light.does_not_exist");
        assertThat(simulator.stats().restRequests()).as("cache.not-found-ttl").isEqualTo(restCallsBefore + 1);

        simulator.home().addEntity("light.does_not_exist", "on", null);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states/light.does_not_exist").status() == 200);
    }

    @Test
    void whileHomeAssistantIsDownCachedStatesAreServedStaleAndMissesAre503() {
        awaitReady();

        simulator.faults().refuseConnections(true);
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 503);

        Answer lamp = api.get("/api/v1/states/light.camel_lamp");
        assertThat(lamp.status()).isEqualTo(200);
        assertThat(lamp.body().path("stale").asBoolean()).isTrue();
        assertThat(lamp.body().path("age_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(api.get("/api/v1/states").body()).allSatisfy(state ->
                assertThat(state.path("stale").asBoolean()).isTrue());
        Answer miss = api.get("/api/v1/states/light.not_cached");
        assertThat(miss.status()).isEqualTo(503);
        assertThat(miss.body().path("success").asBoolean()).isFalse();

        simulator.faults().refuseConnections(false);
        awaitReady();
        assertThat(api.get("/api/v1/states/light.camel_lamp").body().path("stale").asBoolean()).isFalse();
    }

    @Test
    void aCacheMissThatHomeAssistantDoesNotAnswerIs504() {
        awaitReady();

        simulator.faults().restHang(true);

        Answer answer = api.get("/api/v1/states/light.not_cached");
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.body().path("error").asText()).contains("did not answer in time");
    }

    @Test
    void servicesAreCachedUntilAServiceIsRegistered() {
        awaitReady();
        Answer services = api.get("/api/v1/services");
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.body().has("light")).isTrue();
        assertThat(services.body().path("light").has("flash")).isFalse();

        simulator.home().registerService("light", "flash");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/services").body().path("light").has("flash"));
    }
}
