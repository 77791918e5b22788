package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest extends SimulatorTestSupport {

    private static final int EVENTS = 15_000;

    @Test
    void changesTheHomeAtARateAndTheHomeStaysTheTruth() {
        // generous limits: on a busy machine the test's own client may fall behind for a while
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.generated(1_000, 7))
            .slowConsumerLimits(new SlowConsumerLimits(1_000_000, Duration.ofMinutes(1), 2_000_000)));
        TestClient client = coalescingSubscriber(simulator);

        simulator.load().start(5_000);
        Tally tally = new Tally();
        tally.readUntil(client, EVENTS);
        simulator.load().stop();

        assertThat(tally.frames).isLessThan(tally.events);
        assertThat(simulator.load().eventsSent()).isGreaterThanOrEqualTo(EVENTS);
        await().atMost(TestClient.WAIT).until(() -> simulator.stats().eventsSent() == simulator.load().eventsSent());
        tally.readUntil(client, simulator.load().eventsSent());
        tally.lastSeen.forEach((entityId, state) ->
            assertThat(simulator.home().state(entityId).path("state").asText()).as(entityId).isEqualTo(state));
        assertThat(simulator.stats().slowConsumerClosures()).isZero();
    }

    /** What a client saw of the load: frames, events, and each entity's last state. */
    private static final class Tally {
        private final Map<String, String> lastSeen = new HashMap<>();
        private long events;
        private long frames;

        void readUntil(TestClient client, long total) {
            while (events < total) {
                JsonNode frame = client.next();
                frames++;
                for (JsonNode event : frame.isArray() ? frame : List.of(frame)) {
                    JsonNode newState = event.path("event").path("data").path("new_state");
                    lastSeen.put(newState.path("entity_id").asText(), newState.path("state").asText());
                    events++;
                }
            }
        }
    }

    @Test
    void tellsTheObserverOfEveryChangeItMakes() {
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.generated(200, 5)));
        Map<String, String> told = new ConcurrentHashMap<>();
        AtomicLong changes = new AtomicLong();
        simulator.load().observe((entityId, state, nanoTime) -> {
            told.put(entityId, state);
            changes.incrementAndGet();
        });

        simulator.load().start(2_000);
        await().atMost(TestClient.WAIT).until(() -> changes.get() >= 1_000);
        simulator.load().stop();

        assertThat(changes.get()).isEqualTo(simulator.load().eventsSent());
        told.forEach((entityId, state) ->
            assertThat(simulator.home().state(entityId).path("state").asText()).as(entityId).isEqualTo(state));
    }

    @Test
    void producesManyEventsWithNobodyListening() {
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.generated(5_000, 3)));

        simulator.load().start(200_000);
        await().atMost(TestClient.WAIT).until(() -> simulator.load().eventsSent() > 100_000);
        simulator.load().stop();

        assertThat(simulator.load().running()).isFalse();
    }

    @Test
    void aFloodMakesTheSameNumberOfChangesEveryTickWhateverTheTime() {
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.generated(500, 3)));
        List<Long> ticks = new CopyOnWriteArrayList<>();
        AtomicLong changes = new AtomicLong();
        Map<Long, AtomicLong> perTick = new ConcurrentHashMap<>();
        simulator.load().observe((entityId, state, nanoTime) -> {
            changes.incrementAndGet();
            perTick.computeIfAbsent(nanoTime, tick -> {
                ticks.add(tick);
                return new AtomicLong();
            }).incrementAndGet();
        });

        simulator.load().flood(250);
        await().atMost(TestClient.WAIT).until(() -> ticks.size() >= 5);
        simulator.load().stop();

        assertThat(changes.get()).isEqualTo(simulator.load().eventsSent());
        assertThat(perTick.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(250));
    }

    @Test
    void generatedHomesHaveRealisticStates() {
        SimulatedHome home = SimulatedHome.generated(2_000, 1);

        long bytes = home.states().stream().mapToLong(state -> state.toString().length()).sum();

        assertThat(home.size()).isEqualTo(2_000);
        assertThat(bytes / 2_000).isBetween(400L, 650L);
        assertThat(home.entityIds()).anyMatch(id -> id.startsWith("sensor.")).anyMatch(id -> id.startsWith("light."));
        assertThat(SimulatedHome.generated(50, 3).entityIds()).isEqualTo(SimulatedHome.generated(50, 3).entityIds());
    }
}
