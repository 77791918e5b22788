package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.MqttRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridge processes on one lock file (cluster.kind=file, the shipped timing), one Home Assistant streaming 500
 * changes a second, MQTT commands coming in and an automation of group leader firing: the leader is killed (kill -9),
 * stopped (SIGTERM), or loses the lock, and the standby takes over without losing a state and without running a
 * command or an automation twice. Both bridges' /status are sampled throughout: never two leaders at once.
 */
class LockFilePairTest extends PairTestSupport {

    @TempDir
    Path work;

    @Test
    void theStandbyTakesOverFromAKilledLeaderWithoutLossOrRepeats() throws Exception {
        try (Pair pair = new Pair("lockfile-kill")) {
            PairMember leader = pair.awaitOneLeader();
            PairMember standby = pair.other(leader);
            Map<String, JsonNode> results = newResults();
            try (RoleSampler sampler = new RoleSampler(pair.a, pair.b);
                    MqttRecorder answers = MqttRecorder.subscribe(broker.url(), COMMAND_TOPIC + "/result");
                    Commands commands = new Commands(answers)) {
                simulator.load().start(500);
                commands.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> successes(results(answers, results)).size() >= 20);
                int doorRunsBefore = ledger.runs("door ", false).size();

                Instant killed = Instant.now();
                leader.kill();
                List<String> answeredBeforeKill = successes(results(answers, results));
                standby.awaitRole("leader", LEASE.plusSeconds(2).plusSeconds(10));
                Duration takeover = Duration.between(killed, standby.since());
                System.out.printf("TAKEOVER lock file, kill -9: %d ms%n", takeover.toMillis());
                assertThat(takeover).as("the standby leads within the lease duration + 2 s")
                        .isLessThanOrEqualTo(LEASE.plusSeconds(2));

                // once the new leader takes commands, a publisher repeats the last ones the old leader ran (a QoS 1
                // redelivery, a retry after no answer); the pair remembers them for two lease durations
                await().atMost(Duration.ofSeconds(20)).until(() -> successes(results(answers, results)).stream()
                        .anyMatch(id -> !answeredBeforeKill.contains(id)));
                List<String> ranByOldLeader = answeredBeforeKill.subList(answeredBeforeKill.size() - 5,
                        answeredBeforeKill.size());
                ranByOldLeader.forEach(commands::repeat);
                await().atMost(Duration.ofSeconds(20)).until(() -> ranByOldLeader.stream().allMatch(id ->
                        "duplicate".equals(results(answers, results).get(id).path("outcome").asText())));
                int ranBefore = successes(results).size();
                await().atMost(Duration.ofSeconds(30)).until(() -> successes(results(answers, results)).size()
                        >= ranBefore + 20);
                await().atMost(Duration.ofSeconds(30)).until(() -> ledger.runs("door ", false).size()
                        > doorRunsBefore + 5);

                // the old leader's last will, had the broker noticed it gone only now (a partition)
                String availability = BASE + "/bridge/availability";
                answers.publishRetained(availability, "offline");
                await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(
                        MqttRecorder.retained(broker.url(), BASE + "/bridge/#").get(availability)));

                commands.close();
                simulator.load().stop();
                awaitRetainedStatesFinal(Duration.ofSeconds(60));
                awaitWebhooksFinal(new HashMap<>(), Duration.ofSeconds(60));
                sampler.assertNeverTwoLeaders();
                for (String id : ranByOldLeader) {
                    assertThat(results.get(id).path("status").asInt()).isEqualTo(409);
                }
            }
        }
        assertThat(ledger.runs("cmd-", true)).as("MQTT commands that ran more than once").isEmpty();
        assertThat(ledger.runs("door ", true)).as("automation runs that ran more than once").isEmpty();
    }

    @Test
    void aGracefulStopHandsTheLeadOverWithinTwoSeconds() throws Exception {
        try (Pair pair = new Pair("lockfile-graceful")) {
            PairMember leader = pair.awaitOneLeader();
            PairMember standby = pair.other(leader);
            String leaderName = leader.cluster().path("member").asText();
            for (PairMember member : List.of(leader, standby)) {
                JsonNode health = member.get("/health").body();
                assertThat(health.path("status").asText()).as("a standby is as ready as the leader").isEqualTo("UP");
                assertThat(health.path("cluster").path("holder").asText()).isEqualTo(leaderName);
                assertThat(member.get("/metrics").text()).contains("habridge_cluster_leader "
                        + (member == leader ? "1.0" : "0.0"));
            }
            assertThat(standby.cluster().path("role").asText()).isEqualTo("standby");
            assertThat(standby.cluster().path("kind").asText()).isEqualTo("file");
            try (RoleSampler sampler = new RoleSampler(pair.a, pair.b)) {
                Instant stopped = Instant.now();
                leader.requestStop();
                standby.awaitRole("leader", Duration.ofSeconds(10));
                Duration takeover = Duration.between(stopped, standby.since());
                System.out.printf("TAKEOVER lock file, graceful stop: %d ms%n", takeover.toMillis());
                assertThat(takeover).as("takeover after a graceful stop").isLessThanOrEqualTo(Duration.ofSeconds(2));
                leader.stop();
                sampler.assertNeverTwoLeaders();
            }
        }
    }

    /**
     * The leader's view of the lock goes away (its path now leads to a file, not the shared folder, as when a shared
     * volume is lost): it stops acting at its next check, and the standby, which sees the heartbeat stop, takes over
     * only after the lease duration.
     */
    @Test
    void aLeaderThatLosesTheLockStopsActingBeforeTheStandbyStarts() throws Exception {
        Path shared = Files.createDirectories(work.resolve("shared"));
        Path leadersView = Files.createSymbolicLink(work.resolve("leaders-view"), shared);
        try (PairMember a = startMember("a", work, "lockfile-fencing",
                election(leadersView.resolve("ha-camel-bridge.lock")))) {
            a.awaitReady(Duration.ofSeconds(90));
            a.awaitRole("leader", Duration.ofSeconds(30));
            try (PairMember b = startMember("b", work, "lockfile-fencing",
                    election(shared.resolve("ha-camel-bridge.lock")));
                    RoleSampler sampler = new RoleSampler(a, b)) {
                b.awaitReady(Duration.ofSeconds(90));
                assertThat(b.role()).isEqualTo("standby");

                Files.delete(leadersView);
                Files.writeString(leadersView, "not the shared folder");
                Instant lost = Instant.now();
                a.awaitRole("standby", RETRY.plusSeconds(5));
                b.awaitRole("leader", LEASE.plusSeconds(10));
                Instant stoppedActing = a.since();
                Instant startedActing = b.since();
                System.out.printf("FENCING lock file: the old leader stopped %d ms after losing the lock, the standby "
                        + "led %d ms after that%n", Duration.between(lost, stoppedActing).toMillis(),
                        Duration.between(stoppedActing, startedActing).toMillis());
                assertThat(stoppedActing).as("the old leader stops acting before the standby starts")
                        .isBefore(startedActing);
                assertThat(Duration.between(lost, stoppedActing)).isLessThan(RETRY.plusSeconds(2));
                sampler.assertNeverTwoLeaders();
            }
        }
    }

    /** Two bridges on one lock file, started together. */
    private final class Pair implements AutoCloseable {

        final PairMember a;
        final PairMember b;

        Pair(String test) throws IOException {
            Map<String, String> election = election(work.resolve("shared/ha-camel-bridge.lock"));
            a = startMember("a", work, test, election);
            b = startMember("b", work, test, election);
        }

        /** Waits until both answer and one of them leads, which it returns. */
        PairMember awaitOneLeader() {
            a.awaitReady(Duration.ofSeconds(90));
            b.awaitReady(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.isLeader() ^ b.isLeader());
            return a.isLeader() ? a : b;
        }

        PairMember other(PairMember member) {
            return member == a ? b : a;
        }

        @Override
        public void close() throws InterruptedException {
            b.close();
            a.close();
        }
    }

    private static Map<String, String> election(Path lockFile) {
        return Map.of("CLUSTER_KIND", "file", "CLUSTER_FILE", lockFile.toString());
    }

    private static List<String> successes(Map<String, JsonNode> results) {
        List<String> ids = new ArrayList<>();
        results.forEach((id, answer) -> {
            if (answer.path("success").asBoolean()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** MQTT commands, ten a second, each a notification whose message is its correlation id. */
    private static final class Commands implements AutoCloseable {

        private final MqttRecorder connection;
        private final ScheduledExecutorService rhythm = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger sent = new AtomicInteger();

        Commands(MqttRecorder connection) {
            this.connection = connection;
        }

        void start() {
            rhythm.scheduleAtFixedRate(() -> repeat("cmd-" + sent.incrementAndGet()), 0, 100, TimeUnit.MILLISECONDS);
        }

        /** Publishes the command with this correlation id (again). */
        void repeat(String id) {
            connection.publish(COMMAND_TOPIC, "{\"service_data\":{\"message\":\"" + id + "\"},\"correlation_id\":\""
                    + id + "\"}");
        }

        @Override
        public void close() throws InterruptedException {
            rhythm.shutdown();
            rhythm.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
