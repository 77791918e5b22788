package io.hacamel.bridge.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook target that stops answering while a busy home keeps changing: Home Assistant never sees the bridge as a
 * slow consumer, the state cache keeps up, the target's queue stays bounded by merging changes per entity, and once
 * the target answers again the final state of every entity arrives.
 */
class StalledWebhookTest extends BridgeTestSupport {

    private static final int QUEUE_CAPACITY = 20;

    private WebhookSink sink;

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.generated(300, 11);
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        sink = WebhookSink.start();
        properties.put("webhooks.targets", "slow");
        properties.put("webhook.slow.url", sink.url("/slow"));
        properties.put("webhooks.queue-capacity", String.valueOf(QUEUE_CAPACITY));
        properties.put("webhooks.response-timeout", "300");
        properties.put("webhooks.retry.max-retries", "1000");
        properties.put("webhooks.retry.initial-delay", "50");
        properties.put("webhooks.retry.max-delay", "200");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
    }

    @Test
    void aStalledTargetSlowsNothingAndGetsTheFinalStatesWhenItRecovers() {
        awaitReady();
        Map<String, String> updatedBefore = lastUpdated();
        sink.stall();

        simulator.load().start(1_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.load().eventsSent() >= 3_000);
        simulator.load().stop();

        // ingest kept up while the target hung: the cache holds every final state, Home Assistant saw no slow reader
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.home().states().stream()
                .allMatch(state -> state.path("state").equals(api.get("/api/v1/states/"
                        + state.path("entity_id").asText()).body().path("state"))));
        assertThat(simulator.stats().slowConsumerClosures()).isZero();
        assertThat(simulator.stats().maxPendingOutbound()).as("most messages ever waiting for the bridge")
                .isLessThan(1024);
        JsonNode target = api.get("/status").body().path("publishing").path("webhooks").path("targets").get(0);
        assertThat(target.path("coalesced").asLong()).isPositive();
        assertThat(target.path("queue_depth").asInt()).as("bounded by capacity plus one per entity")
                .isLessThanOrEqualTo(QUEUE_CAPACITY + simulator.home().size());
        assertThat(target.path("dead_lettered").asLong()).isZero();

        Map<String, String> finalStates = new HashMap<>();
        lastUpdated().forEach((entityId, updated) -> {
            if (!updated.equals(updatedBefore.get(entityId))) {
                finalStates.put(entityId, simulator.home().state(entityId).path("state").asText());
            }
        });
        assertThat(finalStates).hasSizeGreaterThan(100);

        sink.release();

        await().atMost(Duration.ofSeconds(60)).until(() -> lastDelivered().equals(finalStates));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/status").body().path("publishing")
                .path("webhooks").path("targets").get(0).path("queue_depth").asInt() == 0);
        assertThat(lastDelivered()).isEqualTo(finalStates);
    }

    private Map<String, String> lastUpdated() {
        Map<String, String> updated = new HashMap<>();
        simulator.home().states().forEach(state -> updated.put(state.path("entity_id").asText(),
                state.path("last_updated").asText()));
        return updated;
    }

    private final Map<String, String> delivered = new HashMap<>();

    /** Of every answered delivery so far, the latest state per entity. */
    private Map<String, String> lastDelivered() {
        for (Request request : sink.drain()) {
            if (request.answered() == 200) {
                JsonNode body = request.json();
                delivered.put(body.path("entity_id").asText(), body.path("new_state").path("state").asText());
            }
        }
        return delivered;
    }
}
