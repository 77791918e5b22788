package io.hacamel.bridge.client;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.HaEventRecorder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.hacamel.bridge.client.ConnectionState.AUTHENTICATED;
import static io.hacamel.bridge.client.ConnectionState.CONNECTING;
import static io.hacamel.bridge.client.ConnectionState.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages that arrive in several WebSocket frames (a text frame and continuations): Home Assistant sends each message
 * in one frame, but the protocol allows a server or a proxy in between to split them.
 */
class FragmentedMessagesTest {

    private static final String TOKEN = "fragments-test-token";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final HaEventRecorder recorder = new HaEventRecorder();
    private HaSimulator simulator;
    private HaConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.stop();
        }
        simulator.close();
        vertx.close();
    }

    @Test
    void aMessageInSeveralFramesIsReadWhole() {
        startSimulator(512);
        start(64 * 1024);
        expectFirstSync(); // the get_states result is several kilobytes: a dozen frames

        simulator.home().setState("switch.camel_switch", "on");

        assertThat(recorder.nextStateChange("switch.camel_switch").newState().path("state").asText()).isEqualTo("on");
        assertThat(connection.stats().malformedFrames()).isZero();
        recorder.assertExhausted();
    }

    @Test
    void aFragmentedMessageOverTheLimitIsSkippedAndTheSessionStays() {
        startSimulator(16 * 1024);
        start(64 * 1024);
        expectFirstSync();

        simulator.faults().sendOversized(200 * 1024); // frames of 16 KiB, each under the limit, 200 KiB together
        await().atMost(WAIT).until(() -> connection.stats().malformedFrames() == 1);
        simulator.home().setState("switch.camel_switch", "on");

        assertThat(recorder.nextStateChange("switch.camel_switch").newState().path("state").asText()).isEqualTo("on");
        assertThat(connection.state()).isEqualTo(READY);
        assertThat(simulator.stats().totalConnections()).isEqualTo(1);
        recorder.assertExhausted();
    }

    private void startSimulator(int maxFrameBytes) {
        simulator = HaSimulator.start(new SimulatorOptions().vertx(vertx).token(TOKEN)
                .home(SimulatedHome.transcript()).maxOutboundFrameBytes(maxFrameBytes));
    }

    private void start(int maxMessageBytes) {
        connection = new HaConnection(vertx, new HaClientOptions().url(simulator.httpUrl()).token(() -> TOKEN)
                .maxFrameSize(maxMessageBytes), new ObjectMapper());
        connection.addListener(recorder);
        connection.subscribe("state_changed", recorder);
        connection.start();
    }

    private void expectFirstSync() {
        recorder.nextState(CONNECTING);
        recorder.nextState(AUTHENTICATED);
        for (int i = 0; i < SimulatedHome.transcript().size(); i++) {
            assertThat(recorder.nextEvent().resync()).isTrue();
        }
        recorder.nextSynced();
        recorder.nextState(READY);
    }
}
