package io.hacamel.bridge.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateSlicesTest {

    private static final String LIGHT = "{\"entity_id\":\"light.kitchen\",\"state\":\"on\",\"attributes\":"
            + "{\"friendly_name\":\"Küche \\\"main\\\" {1}\",\"rgb\":[255,0,0],\"nested\":{\"a\":[{}]}}}";
    private static final String SENSOR = "{\"entity_id\":\"sensor.t\",\"state\":\"21.5\",\"attributes\":{}}";
    private static final String EVENT = "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
            + "\"data\":{\"entity_id\":\"sensor.t\",\"new_state\":" + SENSOR + "}}}";

    @Test
    void cutsEveryStateOfTheResultAsHomeAssistantWroteIt() {
        String frame = "{\"id\":7,\"type\":\"result\",\"success\":true,\"result\":[" + LIGHT + "," + SENSOR + "]}";

        assertThat(texts(StateSlices.of(buffer(frame), 7))).containsExactly(LIGHT, SENSOR);
    }

    @Test
    void findsTheResultWhateverTheOrderOfItsFields() {
        String frame = "{\"type\":\"result\",\"result\":[" + SENSOR + "],\"success\":true,\"id\":4}";

        assertThat(texts(StateSlices.of(buffer(frame), 4))).containsExactly(SENSOR);
        assertThat(StateSlices.of(buffer(frame), 5)).isNull();
    }

    @Test
    void findsTheResultAmongOtherMessagesOfAnArrayFrameAtAnyOffsetOfItsBuffer() {
        String frame = "[" + EVENT + ",{\"id\":8,\"type\":\"result\",\"success\":true,\"result\":[" + SENSOR + "]},"
                + EVENT + "]";
        byte[] padded = ("xxxxxxx" + frame + "yyy").getBytes(StandardCharsets.UTF_8);
        Buffer inTheMiddle = Buffer.buffer(Unpooled.wrappedBuffer(padded, 7, padded.length - 10));

        assertThat(texts(StateSlices.of(inTheMiddle, 8))).containsExactly(SENSOR);
        assertThat(StateSlices.of(inTheMiddle, 1)).as("a message without a result").isNull();
        assertThat(StateSlices.of(inTheMiddle, 9)).as("no such request").isNull();
    }

    @Test
    void givesNothingForAResultThatIsNotAListOfStates() {
        assertThat(StateSlices.of(buffer("{\"id\":3,\"type\":\"result\",\"success\":true,\"result\":null}"), 3))
                .isNull();
        assertThat(StateSlices.of(buffer("{\"id\":3,\"type\":\"result\",\"success\":true,\"result\":[" + SENSOR
                + ",\"text\",[1,{}]," + SENSOR + "]}"), 3)).isNull();
        assertThat(StateSlices.of(buffer("{\"id\":3,\"result\":[" + SENSOR + ",7]}"), 3)).isNull();
    }

    private static Buffer buffer(String text) {
        return Buffer.buffer(text);
    }

    private static List<String> texts(List<byte[]> slices) {
        assertThat(slices).isNotNull();
        return slices.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
