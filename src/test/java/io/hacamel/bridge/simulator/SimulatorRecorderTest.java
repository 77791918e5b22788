package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorRecorderTest extends SimulatorTestSupport {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void recordsWhatClientsSentInOrder() {
        HaSimulator simulator = start(new SimulatorOptions().recordFrames(true));
        TestClient client = authenticated(simulator);
        client.sendText("[{\"id\":1,\"type\":\"ping\"},{\"id\":2,\"type\":\"get_config\"}]");
        client.next();
        client.next();
        client.sendText("{oops");

        SimulatorRecorder recorder = simulator.recorder();
        SimulatorRecorder.Inbound auth = recorder.nextInbound("auth", TestClient.WAIT);
        assertThat(auth.connection()).isEqualTo(1);
        assertThat(auth.message().path("access_token").asText()).isEqualTo(SimulatorOptions.DEFAULT_TOKEN);
        assertThat(recorder.nextInbound("ping", TestClient.WAIT).message().path("id").asInt()).isEqualTo(1);
        assertThat(recorder.nextInbound(TestClient.WAIT).type()).isEqualTo("get_config");
        assertThat(recorder.nextInbound(TestClient.WAIT).message().asText()).isEqualTo("{oops");
        recorder.assertExhausted();
    }

    @Test
    void failsOnTimeoutOnTheWrongTypeAndOnLeftovers() {
        HaSimulator simulator = start(new SimulatorOptions().recordFrames(true));
        TestClient client = authenticated(simulator);
        SimulatorRecorder recorder = simulator.recorder();

        assertThatThrownBy(() -> recorder.nextInbound("ping", TestClient.WAIT)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("auth");
        client.send("ping");
        client.next();
        assertThatThrownBy(recorder::assertExhausted).isInstanceOf(AssertionError.class);
        recorder.clear();
        assertThatThrownBy(() -> recorder.nextInbound(SHORT)).isInstanceOf(AssertionError.class);
    }

    @Test
    void isOnlyThereWhenAskedFor() {
        HaSimulator simulator = start();

        assertThatThrownBy(simulator::recorder).isInstanceOf(IllegalStateException.class);
    }
}
