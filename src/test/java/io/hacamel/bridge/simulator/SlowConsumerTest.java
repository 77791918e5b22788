package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Home Assistant's rule for clients that stop reading: too many pending messages close the connection. */
class SlowConsumerTest extends SimulatorTestSupport {

    private static final int MAX_EVENTS = 1_000_000;

    @Test
    void closesAClientThatStopsReadingOnceItReaches4096Pending() {
        HaSimulator simulator = start();
        TestClient client = subscribedClient(simulator);

        client.pause();
        flipUntil(simulator, () -> simulator.stats().slowConsumerClosures() > 0);

        await().atMost(TestClient.WAIT).until(() -> simulator.stats().connectedClients() == 0);
        assertThat(simulator.stats().slowConsumerClosures()).isEqualTo(1);
        assertThat(simulator.stats().maxPendingOutbound()).isGreaterThanOrEqualTo(4096);
        assertThat(simulator.stats().maxPendingOutboundByConnection()).containsKey(1);

        simulator.stats().resetMaxPendingOutbound();
        assertThat(simulator.stats().maxPendingOutbound()).isZero();
        assertThat(simulator.stats().maxPendingOutboundByConnection()).isEmpty();
    }

    @Test
    void closesAClientThatStaysAboveThePeakForTooLong() {
        HaSimulator simulator = start(new SimulatorOptions()
            .slowConsumerLimits(new SlowConsumerLimits(50, Duration.ofMillis(300), 10_000_000)));
        TestClient client = subscribedClient(simulator);

        client.pause();
        flipUntil(simulator, () -> simulator.stats().slowConsumerClosures() > 0);

        assertThat(simulator.stats().slowConsumerClosures()).isEqualTo(1);
        assertThat(simulator.stats().maxPendingOutbound()).isGreaterThan(50).isLessThan(10_000_000);
    }

    @Test
    void leavesAClientThatKeepsReadingAlone() {
        HaSimulator simulator = start(new SimulatorOptions()
            .slowConsumerLimits(new SlowConsumerLimits(100_000, Duration.ofMillis(300), 200_000)));
        TestClient client = subscribedClient(simulator);

        for (int i = 0; i < 2_000; i++) {
            simulator.home().setState("input_number.camel_level", i + ".0");
        }

        await().atMost(TestClient.WAIT).until(() -> simulator.stats().eventsSent() == 2_000);
        int ping = client.send("ping");

        assertThat(client.untilResult(ping)).hasSize(2_000 + 1);
        assertThat(simulator.stats().slowConsumerClosures()).isZero();
    }

    @Test
    void coalescesNoMoreIntoOneFrameThanHomeAssistantEverHasPending() {
        HaSimulator simulator = start(new SimulatorOptions()
            .slowConsumerLimits(new SlowConsumerLimits(1_000_000, Duration.ofMinutes(1), 2_000_000)));
        TestClient client = coalescingSubscriber(simulator);

        client.pause();
        flipUntil(simulator, () -> simulator.stats().maxPendingOutbound() > 3 * OutboundWriter.MAX_COALESCED);
        client.resume();
        int ping = client.send("ping");

        int largest = 0;
        for (boolean answered = false; !answered; ) {
            JsonNode frame = client.next();
            largest = Math.max(largest, frame.isArray() ? frame.size() : 1);
            for (JsonNode message : frame.isArray() ? frame : List.of(frame)) {
                answered |= message.path("id").asInt() == ping && message.path("type").asText().equals("pong");
            }
        }
        assertThat(largest).isGreaterThan(1).isLessThanOrEqualTo(OutboundWriter.MAX_COALESCED);
        assertThat(simulator.stats().slowConsumerClosures()).isZero();
    }

    private TestClient subscribedClient(HaSimulator simulator) {
        TestClient client = authenticated(simulator);
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "state_changed")));
        return client;
    }

    /** Toggles a helper (two events each: it and the switch that follows it) until {@code done}. */
    private static void flipUntil(HaSimulator simulator, BooleanSupplier done) {
        for (int i = 0; i < MAX_EVENTS && !done.getAsBoolean(); i++) {
            simulator.home().setState("input_boolean.camel_test", i % 2 == 0 ? "on" : "off");
        }
        assertThat(done.getAsBoolean()).as("condition reached within %d changes", MAX_EVENTS).isTrue();
    }
}
