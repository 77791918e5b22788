package io.hacamel.bridge.observability;

import java.time.Duration;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes a supervisor or Kubernetes polls, without a key: live while the bridge runs, ready only with a usable
 * session to Home Assistant, and nothing but UP or DOWN; on the API port and, as Camel serves them, on the management
 * port. The details are in GET /health (every check with ?details=true), behind the key.
 */
class HealthProbesTest extends BridgeTestSupport {

    @Test
    void liveWhileHomeAssistantIsAwayReadyOnlyWhileConnected() {
        awaitReady();
        ApiClient management = new ApiClient(managementPort);
        ApiClient anybody = api.withoutKey();

        Answer ready = anybody.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).as("a probe answers anybody, so it says UP or DOWN and nothing more")
                .isEqualTo("{\"status\":\"UP\"}");
        assertThat(api.get("/health?details=true").body().path("checks").findValuesAsText("id"))
                .contains("homeassistant");
        assertThat(anybody.get("/health").status()).as("the details need the key").isEqualTo(401);
        assertThat(anybody.get("/health?details=true").status()).isEqualTo(401);
        Answer live = anybody.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.text()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(management.get("/observe/health/ready").status()).isEqualTo(200);

        simulator.faults().refuseConnections(true);

        await().atMost(Duration.ofSeconds(20)).until(() -> anybody.get("/health/ready").status() == 503);
        assertThat(anybody.get("/health/ready").text()).isEqualTo("{\"status\":\"DOWN\"}");
        Answer down = api.get("/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body().path("home_assistant").path("connected").asBoolean()).isFalse();
        assertThat(down.body().path("checks").findValuesAsText("status")).contains("DOWN");
        assertThat(anybody.get("/health/live").status()).isEqualTo(200);
        assertThat(management.get("/observe/health/ready").status()).isEqualTo(503);
        assertThat(management.get("/observe/health/live").status()).isEqualTo(200);
        assertThat(management.get("/observe/health/live").body().path("status").asText()).isEqualTo("UP");
    }
}
