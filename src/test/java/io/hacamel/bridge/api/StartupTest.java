package io.hacamel.bridge.api;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge starts while Home Assistant is down, says so in /health, and connects when it appears. */
class StartupTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        simulator.faults().refuseConnections(true);
    }

    @Test
    void startsWithoutHomeAssistantAndConnectsWhenItAppears() {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").body().path("home_assistant")
                .hasNonNull("last_error")); // the first connect attempt has failed
        Answer down = api.get("/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body().path("home_assistant").path("last_error").asText()).contains("Connection refused");
        assertThat(api.get("/api/v1/states").status()).isEqualTo(503);

        simulator.faults().refuseConnections(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/states").body().size() == 6);
    }
}
