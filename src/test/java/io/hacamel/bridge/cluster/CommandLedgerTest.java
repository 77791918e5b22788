package io.hacamel.bridge.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.commands.CommandAdmission.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The record of MQTT commands beside the lock file, handed from one leader to the next. */
class CommandLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofSeconds(20);

    @TempDir
    Path shared;

    @Test
    void aCorrelationIdTheOldLeaderRanIsNotRunAgainByTheNewOne() throws Exception {
        AtomicBoolean aLeads = new AtomicBoolean(true);
        AtomicBoolean bLeads = new AtomicBoolean(false);
        CommandLedger a = ledger("a:8080", aLeads);
        CommandLedger b = ledger("b:8080", bLeads);
        a.lead();
        assertThat(a.admit("hall-1")).as("runs").isNull();
        assertThat(a.admit(null)).as("a command without an id always runs").isNull();
        assertThat(a.admit(null)).isNull();
        assertThat(refusal(a.admit("hall-1"))).isEqualTo("409 duplicate");
        assertThat(b.holder()).as("what a standby reads").isEqualTo("a:8080");

        aLeads.set(false); // killed: no word to anyone
        assertThat(refusal(a.admit("hall-2"))).as("a bridge no longer leading runs nothing").isEqualTo("503 not_run");
        bLeads.set(true);
        b.lead();
        assertThat(b.holder()).isEqualTo("b:8080");
        assertThat(refusal(b.admit("hall-1"))).isEqualTo("409 duplicate");
        assertThat(b.admit("hall-2")).as("never ran: the old leader refused it").isNull();
        assertThat(refusal(b.admit("hall-2"))).isEqualTo("409 duplicate");
    }

    @Test
    void aGracefulStopReleasesTheRecordAndIdsOlderThanTheWindowRunAgain() throws Exception {
        Path lock = shared.resolve("bridge.lock");
        Files.writeString(shared.resolve("bridge.lock.leader"), """
                {"holder":"old:8080","since":"2025-01-01T00:00:00Z"}
                {"correlation_id":"long-ago","at":1000}
                {"correlation_id":"half-writ""");
        CommandLedger ledger = new CommandLedger(lock, "a:8080", () -> true, WINDOW, JSON);
        assertThat(ledger.holder()).isEqualTo("old:8080");
        ledger.lead();
        assertThat(ledger.admit("long-ago")).as("older than two lease durations").isNull();
        ledger.follow();
        assertThat(ledger.holder()).as("released: nobody leads").isNull();
    }

    private CommandLedger ledger(String member, AtomicBoolean leads) {
        return new CommandLedger(shared.resolve("bridge.lock"), member, leads::get, WINDOW, JSON);
    }

    private static String refusal(Refusal refusal) {
        return refusal == null ? "ran" : refusal.status() + " " + refusal.outcome();
    }
}
