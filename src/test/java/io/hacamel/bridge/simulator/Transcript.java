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

/** The recorded Home Assistant 2023.6.3 session, line by line (see /work/shared/ha-protocol/README.md). */
final class Transcript {

    private static final List<JsonNode> LINES = load();

    private Transcript() {
    }

    /** The line with this sequence number. */
    static JsonNode line(int seq) {
        return LINES.stream().filter(line -> line.path("seq").asInt() == seq).findFirst().orElseThrow();
    }

    /** The frame text Home Assistant sent on that line. */
    static String raw(int seq) {
        return line(seq).path("raw").asText();
    }

    private static List<JsonNode> load() {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        InputStream in = Transcript.class.getResourceAsStream("/ha-protocol/transcript-ha-2023.6.3.jsonl");
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
