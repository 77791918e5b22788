package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Replays the automation session (seq 4 to 27 of transcript-ha-2023.6.3-automation.jsonl: coalescing, a state
 * trigger with {@code for: 2 s}, an unknown trigger platform, fire_event, render_template and a template syntax
 * error): the simulator gets Home Assistant's exact client frames and must answer with the recorded frames, text
 * for text, once context ids, user ids and timestamps are masked.
 */
class AutomationReplayTest extends SimulatorTestSupport {

    private static final int FIRST = 4;
    private static final int LAST = 27;

    @Test
    void answersFrameForFrameLikeTheRecordedSession() {
        HaSimulator simulator = start();
        recordedHome(simulator.home());
        TestClient client = authenticated(simulator);

        int compared = 0;
        for (JsonNode line : Transcript.AUTOMATION.websocketLines()) {
            int seq = line.path("seq").asInt();
            if (seq < FIRST || seq > LAST) {
                continue;
            }
            String recorded = line.path("raw").asText();
            if (line.path("dir").asText().equals("send")) {
                client.sendText(recorded);
            } else {
                assertThat(masked(client.nextRaw())).as("seq %d", seq).isEqualTo(masked(recorded));
                compared++;
            }
        }

        assertThat(compared).isEqualTo(13);
        client.assertNoMessage(Duration.ofMillis(200));
    }

    /**
     * The two entities as they were in the recorded home: input_boolean.camel_test on, so that the recorded
     * turn_off changes it on the client's behalf, and input_number.camel_level at 30.
     */
    private static void recordedHome(SimulatedHome home) {
        home.setState("input_boolean.camel_test", "on",
            Json.object().put("editable", false).put("friendly_name", "Camel Test"));
        home.setState("input_number.camel_level", "30.0",
            (ObjectNode) home.state("input_number.camel_level").get("attributes"));
    }

    /** The recorded frame with what differs in every session masked: context ids, user ids and timestamps. */
    static String masked(String frame) {
        return frame.replaceAll("\"[0-9A-HJKMNP-TV-Z]{26}\"", "\"<ulid>\"")
            .replaceAll("\"[0-9a-f]{32}\"", "\"<user>\"")
            .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?\\+00:00\"", "\"<time>\"");
    }
}
