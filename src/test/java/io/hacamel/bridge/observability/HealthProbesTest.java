package io.hacamel.bridge.observability;

import java.time.Duration;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes a supervisor or Kubernetes polls: live while the bridge runs, ready only with a usable session to Home
 * Assistant; on the API port and, as Camel serves them, on the management port.
 */
class HealthProbesTest extends BridgeTestSupport {

    @Test
    void liveWhileHomeAssistantIsAwayReadyOnlyWhileConnected() {
        awaitReady();
        ApiClient management = new ApiClient(managementPort);

        Answer ready = api.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("status").asText()).isEqualTo("UP");
        assertThat(ready.body().path("checks").findValuesAsText("id")).contains("homeassistant");
        Answer live = api.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body().path("checks").findValuesAsText("id")).contains("context").doesNotContain("homeassistant");
        assertThat(management.get("/observe/health/ready").status()).isEqualTo(200);

        simulator.faults().refuseConnections(true);

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health/ready").status() == 503);
        Answer down = api.get("/health/ready");
        assertThat(down.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body().path("home_assistant").path("connected").asBoolean()).isFalse();
        assertThat(down.body().path("checks").findValuesAsText("status")).contains("DOWN");
        assertThat(api.get("/health").status()).isEqualTo(503);
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(management.get("/observe/health/ready").status()).isEqualTo(503);
        assertThat(management.get("/observe/health/live").status()).isEqualTo(200);
        assertThat(management.get("/observe/health/live").body().path("status").asText()).isEqualTo("UP");
    }
}
