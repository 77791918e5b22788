package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.commands.CommandAdmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair's record of the MQTT commands its leaders ran, kept beside the lock file ({@code <cluster.file>.leader},
 * one JSON object a line): who took the lead and when, then the correlation id of every command, written before the
 * command runs. A new leader reads the ids of the last two lease durations, so a command that the old leader ran
 * and that comes again (a QoS 1 redelivery, a publisher retrying after a failover) is answered 409 instead of running
 * twice; a command that reached a bridge no longer leading is answered 503 and not run. A standby reads the record
 * to tell who leads.
 */
final class CommandLedger implements CommandAdmission, Leadership.Duty {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLedger.class);
    /** Lines appended before the record is written again without the ids that left the window. */
    private static final int COMPACT_AFTER = 1_000;

    private final Path file;
    private final String member;
    private final BooleanSupplier mayAct;
    private final Duration window;
    private final ObjectMapper json;
    /** Correlation id to when it ran, oldest first; guarded by this. */
    private final Map<String, Instant> ran = new LinkedHashMap<>();
    private FileChannel channel;
    private int appended;

    /**
     * @param member this bridge's name in the pair
     * @param mayAct whether this bridge acts as the leader at this instant
     */
    CommandLedger(Path lockFile, String member, BooleanSupplier mayAct, Duration window, ObjectMapper json) {
        this.file = lockFile.resolveSibling(lockFile.getFileName() + ".leader");
        this.member = member;
        this.mayAct = mayAct;
        this.window = window;
        this.json = json;
    }

    /** The answer to a command that reached a bridge which no longer leads. */
    static Refusal notLeader() {
        return new Refusal(503, "not_run", "this bridge no longer leads its pair, so the command was not run: send "
                + "it again, the leader takes it");
    }

    @Override
    public synchronized Refusal admit(String correlationId) {
        if (!mayAct.getAsBoolean()) {
            return notLeader();
        }
        if (correlationId == null) {
            return null;
        }
        Instant at = ran.get(correlationId);
        if (at != null && at.isAfter(Instant.now().minus(window))) {
            return new Refusal(409, "duplicate", "a command with correlation_id " + correlationId + " already ran at "
                    + at + ", so it was not run again (a pair remembers correlation ids for " + window.toSeconds()
                    + " s)");
        }
        record(correlationId, Instant.now());
        return null;
    }

    /** Takes the record over: the ids of the window are kept, the rest dropped, and this bridge named the holder. */
    @Override
    public synchronized void lead() throws IOException {
        ran.clear();
        Instant since = Instant.now().minus(window);
        for (JsonNode line : lines()) {
            if (line.hasNonNull("correlation_id")) {
                Instant at = Instant.ofEpochMilli(line.path("at").asLong());
                if (at.isAfter(since)) {
                    ran.put(line.get("correlation_id").asText(), at);
                }
            }
        }
        rewrite();
    }

    @Override
    public synchronized void follow() throws IOException {
        ran.clear();
        if (channel != null) {
            write(Map.of("released", member, "at", Instant.now().toEpochMilli()));
            channel.close();
            channel = null;
        }
    }

    /** Who took the lead last, and has not released it; null when nobody, or the record cannot be read. */
    String holder() {
        String holder = null;
        try {
            for (JsonNode line : lines()) {
                if (line.hasNonNull("holder")) {
                    holder = line.get("holder").asText();
                } else if (line.hasNonNull("released") && line.get("released").asText().equals(holder)) {
                    holder = null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return holder;
    }

    @Override
    public String toString() {
        return "command ledger " + file;
    }

    private void record(String correlationId, Instant at) {
        ran.put(correlationId, at);
        try {
            if (++appended >= COMPACT_AFTER) {
                rewrite();
            } else {
                write(Map.of("correlation_id", correlationId, "at", at.toEpochMilli()));
            }
        } catch (IOException e) {
            // the command still runs: only a repeat of it after a failover could not be recognised
            LOG.warn("Could not record MQTT command {} in {}: {}", correlationId, file, e.toString());
        }
    }

    /** The record anew, atomically: this bridge as the holder, then the ids still in the window. */
    private void rewrite() throws IOException {
        if (channel != null) {
            channel.close();
        }
        Instant since = Instant.now().minus(window);
        ran.values().removeIf(at -> !at.isAfter(since));
        StringBuilder text = new StringBuilder(json.writeValueAsString(Map.of("holder", member,
                "since", Instant.now().toString()))).append('\n');
        for (Map.Entry<String, Instant> entry : ran.entrySet()) {
            text.append(json.writeValueAsString(Map.of("correlation_id", entry.getKey(),
                    "at", entry.getValue().toEpochMilli()))).append('\n');
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        channel.force(true);
        appended = 0;
    }

    private void write(Map<String, Object> line) throws IOException {
        if (channel == null) {
            throw new IOException("the record is not open: this bridge does not lead");
        }
        ByteBuffer bytes = ByteBuffer.wrap((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Every complete line of the record; a line being written is skipped. */
    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return lines;
        }
        for (String line : text) {
            try {
                lines.add(json.readTree(line));
            } catch (IOException e) {
                // half written by a leader that was killed: not a command that ran
            }
        }
        return lines;
    }
}
