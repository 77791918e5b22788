package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The recorded Home Assistant 2023.6.3 sessions, line by line (see /work/shared/ha-protocol/README.md). */
final class Transcript {

    /** The session of the API basics. */
    private static final Transcript MAIN = new Transcript("transcript-ha-2023.6.3.jsonl");
    /** The session of what automations use: triggers, templates, fire_event, helpers. */
    static final Transcript AUTOMATION = new Transcript("transcript-ha-2023.6.3-automation.jsonl");

    private final List<JsonNode> lines;

    private Transcript(String file) {
        this.lines = load(file);
    }

    /** The line with this sequence number of the main session. */
    static JsonNode line(int seq) {
        return MAIN.at(seq);
    }

    /** The frame text Home Assistant sent on that line of the main session. */
    static String raw(int seq) {
        return MAIN.rawAt(seq);
    }

    JsonNode at(int seq) {
        return lines.stream().filter(line -> line.path("seq").asInt() == seq).findFirst().orElseThrow();
    }

    String rawAt(int seq) {
        return at(seq).path("raw").asText();
    }

    /** The websocket lines of the authenticated session, in order. */
    List<JsonNode> websocketLines() {
        return lines.stream().filter(line -> line.path("channel").asText().equals("ws")).toList();
    }

    private static List<JsonNode> load(String file) {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        InputStream in = Transcript.class.getResourceAsStream("/ha-protocol/" + file);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(mapper.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
