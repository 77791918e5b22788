package io.hacamel.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path reads every frame as the tokens do, or gives up: never a different message, event or state, never a
 * frame the tokens refuse. Checked on every frame Home Assistant sent in the transcripts, on frames with the odd
 * corners of JSON, and on each of them cut short and with bytes changed.
 */
class FrameSkimTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "{\"entity_id\":\"sensor.t\",\"state\":\"21.5\",\"attributes\":{\"unit\":\"°C\","
            + "\"list\":[1,-2.5e3,0.25,true,false,null,[],{}],\"text\":\"a \\\"q\\\" \\u00e9 \\n\"},"
            + "\"last_changed\":\"2024-01-01T00:00:00Z\",\"context\":{\"id\":\"x\",\"parent_id\":null}}";
    private static final String EVENT = "{\"id\":12,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
            + "\"data\":{\"entity_id\":\"sensor.t\",\"old_state\":" + STATE + ",\"new_state\":"
            + STATE.replace("21.5", "22") + "},\"origin\":\"LOCAL\",\"time_fired\":\"2024-01-01T00:00:01Z\"}}";

    @Test
    void readsEveryFrameOfTheTranscriptsAsTheTokensDo() throws Exception {
        List<String> frames = transcriptFrames();
        int skimmed = 0;
        for (String frame : frames) {
            skimmed += sameAsTheTokens(frame) ? 1 : 0;
        }
        assertThat(frames).hasSizeGreaterThan(30);
        assertThat(skimmed).as("frames read by the fast path").isEqualTo(frames.size());
    }

    @Test
    void readsTheCornersOfJsonAsTheTokensDo() throws Exception {
        List<String> frames = List.of(EVENT, "[" + EVENT + "," + EVENT.replace("12", "13") + "]",
                " [ " + EVENT.replace(":", " : ").replace(",\"", " , \"") + " ]\n",
                "{\"id\":1,\"type\":\"result\",\"success\":true,\"result\":null}", "[]", "{}",
                "{\"id\":-0,\"type\":\"pong\"}", "{\"id\":2147483648,\"type\":\"pong\"}", "{\"id\":1.0,\"type\":\"pong\"}",
                "{\"id\":\"1\",\"type\":\"pong\"}", "{\"type\":7}", "{\"type\":\"ev\\u0065nt\"}",
                EVENT.replace("\"state\":\"22\"", "\"state\":22"), EVENT.replace("\"entity_id\":\"sensor.t\",\"old", "\"entity_id\":5,\"old"),
                EVENT.replace("\"old_state\":" + STATE, "\"old_state\":null"), EVENT.replace("\"event\":{", "\"event\":[{").replace("}}", "}]}"));
        for (String frame : frames) {
            sameAsTheTokens(frame);
        }
        assertThat(sameAsTheTokens(EVENT)).as("an event, its attributes with escapes and every kind of value").isTrue();
    }

    @Test
    void aFrameCutShortOrWithBytesChangedIsReadAsTheTokensReadItOrLeftToThem() throws Exception {
        Random random = new Random(7);
        byte[] event = EVENT.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < event.length; cut++) {
            sameAsTheTokens(new String(event, 0, cut, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] noise = "{}[]\":,\\ -+.eE0129tfnu\u00c3\u00a9\u00ff\n\u0001".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20_000; i++) {
            byte[] changed = event.clone();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                changed[random.nextInt(changed.length)] = noise[random.nextInt(noise.length)];
            }
            sameAsTheTokens(changed);
        }
    }

    private static boolean sameAsTheTokens(String frame) throws IOException {
        return sameAsTheTokens(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the fast path read the frame; asserts that what it read is what the tokens read. */
    private static boolean sameAsTheTokens(byte[] frame) throws IOException {
        byte[] padded = new byte[frame.length + 4];
        System.arraycopy(frame, 0, padded, 2, frame.length);
        padded[0] = '[';
        padded[padded.length - 1] = '"';
        List<EventScan.Message> skimmed = FrameSkim.messages(padded, 2, frame.length);
        if (skimmed == null) {
            return false;
        }
        List<EventScan.Message> tokens;
        try {
            tokens = EventScan.byTokens(padded, 2, frame.length);
        } catch (IOException e) {
            throw new AssertionError("the fast path read a frame the tokens refuse: "
                    + new String(frame, StandardCharsets.ISO_8859_1), e);
        }
        assertThat(describe(skimmed)).as(new String(frame, StandardCharsets.ISO_8859_1)).isEqualTo(describe(tokens));
        return true;
    }

    private static String describe(List<EventScan.Message> messages) {
        return messages == null ? "null" : messages.stream().map(FrameSkimTest::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(EventScan.Message message) {
        HaEvent event = message.event();
        String described = message.id() + " " + message.type() + " " + message.start() + "-" + message.end();
        if (event == null) {
            return described;
        }
        return described + " " + event.eventType() + " " + event.entityId() + " " + event.timeFired() + " "
                + event.oldStateValue() + " " + event.newStateValue() + " " + event.oldState() + " "
                + (event.compactNewState() == null ? null : new String(event.compactNewState().json(), StandardCharsets.UTF_8))
                + " " + event.event();
    }

    private static List<String> transcriptFrames() throws IOException {
        List<String> frames = new ArrayList<>();
        for (String name : List.of("transcript-ha-2023.6.3.jsonl", "transcript-ha-2023.6.3-automation.jsonl")) {
            try (InputStream in = FrameSkimTest.class.getResourceAsStream("/ha-protocol/" + name)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    JsonNode record = line.isBlank() ? null : JSON.readTree(line);
                    if (record != null && "recv".equals(record.path("dir").asText()) && record.path("raw").isTextual()
                            && !record.path("raw").asText().contains("auth_")) {
                        frames.add(record.path("raw").asText());
                    }
                }
            }
        }
        return frames;
    }
}
