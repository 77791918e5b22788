package io.hacamel.bridge;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without a Home Assistant URL the bridge runs against its built-in simulator, and the demo home changes, every
 * demo.change-interval as shipped.
 */
class DemoModeTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
    }

    @Test
    void servesTheDemoHomeAndItsChanges() {
        awaitReady();

        JsonNode states = api.get("/api/v1/states").body();
        assertThat(states.size()).isGreaterThan(24);
        assertThat(api.get("/status").body().path("configuration").path("ha.url").asText())
                .startsWith("http://127.0.0.1:").isNotEqualTo(simulator.httpUrl());
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/api/v1/states").body().equals(states));
    }
}
