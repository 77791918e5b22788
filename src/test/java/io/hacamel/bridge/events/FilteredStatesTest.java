package io.hacamel.bridge.events;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Entity filters: excluded entities are neither cached nor served, and filtered events are counted. */
class FilteredStatesTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("filter.include", "input_boolean.,light.camel_*,switch.");
        properties.put("filter.exclude-domains", "switch");
    }

    @Test
    void onlyTrackedEntitiesAreCachedAndServed() {
        awaitReady();

        assertThat(api.get("/api/v1/states").body()).extracting(state -> state.path("entity_id").asText())
                .containsExactly("input_boolean.camel_lamp_state", "input_boolean.camel_test", "light.camel_lamp");
        Answer excluded = api.get("/api/v1/states/switch.camel_switch");
        assertThat(excluded.status()).isEqualTo(404);
        assertThat(excluded.body().path("error").asText()).contains("excluded by the bridge's entity filters");
        assertThat(api.get("/api/v1/states/input_number.camel_level").status()).isEqualTo(404);
    }

    @Test
    void filteredEventsAreCounted() {
        awaitReady();
        long filteredBefore = filtered();

        simulator.home().setState("input_number.camel_level", "60.0");

        await().atMost(Duration.ofSeconds(10)).until(() -> filtered() == filteredBefore + 1);
        assertThat(api.get("/status").body().path("cache").path("entities").asLong()).isEqualTo(3);
    }

    private long filtered() {
        return api.get("/status").body().path("filter").path("events_filtered").asLong();
    }
}
