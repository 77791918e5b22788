package io.hacamel.bridge.api;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A home whose get_states answer is a single frame of almost 16 MiB. */
class LargeHomeTest extends BridgeTestSupport {

    private static final int ENTITIES = 35_800;

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.generated(ENTITIES, 7);
    }

    @Test
    void syncsAGetStatesOfAlmost16MiB() {
        long bytes = simulator.home().states().stream().mapToLong(state -> state.toString().length() + 1).sum();
        assertThat(bytes).isBetween(15L * 1024 * 1024, 16L * 1024 * 1024);

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health").status() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/status").body().path("cache").path("entities").asLong() == ENTITIES);

        Answer states = api.get("/api/v1/states");
        assertThat(states.body()).hasSize(ENTITIES);
        JsonNode first = states.body().get(0);
        assertThat(first.path("source").asText()).isEqualTo("cache");
        assertThat(api.get("/status").body().path("home_assistant").path("malformed_frames").asLong()).isZero();
    }
}
