package io.hacamel.bridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import io.hacamel.bridge.testing.ApiClient.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge itself stopped under load and started again on the same settings and data directory: the new one
 * resyncs, republishes and sends every state to the webhook (kind initial). The deliveries the first one had only
 * queued are stored at its stop and sent first by the second (so no older state overtakes a newer one); the dead
 * letter the first one kept on disk is still there to replay.
 */
class BridgeRestartTest extends FaultTestSupport {

    private static final String DEAD_LETTERS = "/api/v1/webhooks/dead-letters";

    private long deadLettersOnDisk() {
        try (Stream<Path> files = Files.list(dataDir.resolve("dead-letters"))) {
            return files.filter(file -> file.toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBridgeRestartedUnderLoadConvergesAndKeepsItsDeadLetters() {
        awaitReady();
        sink.answer(410); // refused for good: kept as a dead letter at once
        simulator.home().setState("light.bedroom_ceiling", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> withKey("GET", DEAD_LETTERS).body().path("count").asInt() == 1);
        sink.answer(200);
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        Instant stopping = Instant.now();
        bridge.close();
        bridge = null;
        Duration stop = Duration.between(stopping, Instant.now());
        long keptAtStop = deadLettersOnDisk() - 1;
        simulator.load().stop();
        simulator.home().setState("climate.living_room", "cool");
        Instant restarted = Instant.now();
        bridge = RunningBridge.start(settings);
        Duration startup = Duration.between(restarted, Instant.now());
        Duration recovery = awaitRecovery(restarted);

        Answer letters = withKey("GET", DEAD_LETTERS);
        assertThat(letters.body().path("count").asInt()).as("kept across the restart").isEqualTo(1);
        assertThat(letters.body().path("dead_letters").get(0).path("entity_id").asText())
                .isEqualTo("light.bedroom_ceiling");
        Answer replay = withKey("POST", DEAD_LETTERS + "/replay");
        assertThat(replay.body().path("delivered").asInt()).as(replay.text()).isEqualTo(1);
        assertThat(truth.differences()).isEmpty();
        report("09-bridge-restart", "The bridge stopped under load (200 changes/s) and started again on the same "
                        + "data directory",
                String.format(Locale.ROOT, "stopped in %.1f s (no hung close), storing the %d deliveries still "
                        + "waiting; the new bridge started in %.1f s, sent those first, resynced, republished every "
                        + "retained state and sent every state to the webhook; the real dead letter survived and "
                        + "replayed", stop.toMillis() / 1000.0, keptAtStop, startup.toMillis() / 1000.0),
                recovery, 0);
    }
}
