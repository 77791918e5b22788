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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.MqttRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridge processes on one lock file (cluster.kind=file, the shipped timing), one Home Assistant streaming 500
 * changes a second, MQTT commands coming in and an automation of group leader firing: the leader is killed (kill -9),
 * stopped (SIGTERM), or loses the lock, and the standby takes over without losing a state and without running a
 * command or an automation twice. Both bridges' /status are sampled throughout: never two leaders at once. The pair
 * is shared by the tests: before each, a bridge a test stopped is started again, as its supervisor would, and one of
 * the two leads. Each bridge reaches the shared folder through a view of its own (a symbolic link), which a test can
 * take away from the leader. A test needs nothing of another; their order only spares starts (the bridge that lost
 * the lock stays, as a standby, for the kill test; the graceful stop, last, leaves one bridge).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LockFilePairTest extends PairTestSupport {

    @TempDir
    static Path work;
    private static Pair pair;

    private PairMember leader;
    private PairMember standby;

    @BeforeEach
    void onePairLeads(TestInfo test) throws Exception {
        if (pair == null) {
            pair = new Pair();
        }
        pair.startWhatIsStopped(test.getTestMethod().orElseThrow().getName());
        leader = pair.awaitOneLeader();
        standby = pair.other(leader);
    }

    /** A bridge left without its view of the shared folder (a test failed) is replaced: killed here, started anew. */
    @AfterEach
    void replaceABridgeWithoutTheSharedFolder() throws Exception {
        if (pair != null) {
            pair.replaceWhoLostTheSharedFolder();
        }
    }

    /** Stops the pair; what the bridges leave in the shared folder (lock, heartbeat, command record) is no secret. */
    @AfterAll
    static void stopThePair() throws Exception {
        if (pair != null) {
            pair.close();
            pair = null;
        }
        try (Stream<Path> files = Files.list(work.resolve("shared"))) {
            for (Path file : files.toList()) {
                assertHoldsNoSecret(file);
            }
        }
    }

    @Test
    @Order(2)
    void theStandbyTakesOverFromAKilledLeaderWithoutLossOrRepeats() throws Exception {
        Map<String, JsonNode> results = newResults();
        try (RoleSampler sampler = new RoleSampler(pair.a, pair.b);
                MqttRecorder answers = MqttRecorder.subscribe(broker.url(), COMMAND_TOPIC + "/result");
                CommandStream commands = new CommandStream(answers)) {
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
        assertThat(ledger.runs("cmd-", true)).as("MQTT commands that ran more than once").isEmpty();
        assertThat(ledger.runs("door ", true)).as("automation runs that ran more than once").isEmpty();
    }

    @Test
    @Order(3)
    void aGracefulStopHandsTheLeadOverWithinTwoSeconds() throws Exception {
        String leaderName = leader.cluster().path("member").asText();
        for (PairMember member : List.of(leader, standby)) {
            JsonNode health = member.get("/health").body();
            assertThat(health.path("status").asText()).as("a standby is as ready as the leader").isEqualTo("UP");
            assertThat(health.path("cluster").path("role").asText()).isEqualTo(member == leader ? "leader" : "standby");
            assertThat(health.path("cluster").path("holder").asText()).isEqualTo(leaderName);
            assertThat(member.get("/metrics").text()).contains("habridge_cluster_leader "
                    + (member == leader ? "1.0" : "0.0"));
            for (String guarded : List.of("/status", "/health", "/metrics", "/api/v1/states")) {
                assertThat(member.getWithoutKey(guarded).status()).as("GET " + guarded + " without the key")
                        .isEqualTo(401);
            }
            assertThat(member.getWithoutKey("/health/ready").status()).as("the probe, without a key").isEqualTo(200);
            assertThat(member.getWithoutKey("/health/live").status()).as("the probe, without a key").isEqualTo(200);
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

    /**
     * The leader's view of the lock goes away (its path now leads to a file, not the shared folder, as when a shared
     * volume is lost): it stops acting at its next check, and the standby, which sees the heartbeat stop, takes over
     * only after the lease duration.
     */
    @Test
    @Order(1)
    void aLeaderThatLosesTheLockStopsActingBeforeTheStandbyStarts() throws Exception {
        try (RoleSampler sampler = new RoleSampler(pair.a, pair.b)) {
            pair.takeTheSharedFolderAwayFrom(leader);
            Instant lost = Instant.now();
            leader.awaitRole("standby", RETRY.plusSeconds(5));
            standby.awaitRole("leader", LEASE.plusSeconds(10));
            Instant stoppedActing = leader.since();
            Instant startedActing = standby.since();
            System.out.printf("FENCING lock file: the old leader stopped %d ms after losing the lock, the standby "
                    + "led %d ms after that%n", Duration.between(lost, stoppedActing).toMillis(),
                    Duration.between(stoppedActing, startedActing).toMillis());
            assertThat(stoppedActing).as("the old leader stops acting before the standby starts")
                    .isBefore(startedActing);
            assertThat(Duration.between(lost, stoppedActing)).isLessThan(RETRY.plusSeconds(2));

            // the volume comes back: the old leader reads the new one's record, and stands by
            pair.giveTheSharedFolderBack(leader);
            String newLeader = standby.cluster().path("member").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> newLeader.equals(
                    leader.cluster().path("holder").asText()));
            assertThat(leader.role()).isEqualTo("standby");
            sampler.assertNeverTwoLeaders();
        }
    }

    /** Two bridges on one lock file, each through its view of the shared folder. */
    private static final class Pair implements AutoCloseable {

        private static final String LOCK = "ha-camel-bridge.lock";

        private final Path shared;
        PairMember a;
        PairMember b;

        Pair() throws IOException {
            shared = Files.createDirectories(work.resolve("shared"));
            for (String name : List.of("a", "b")) {
                Files.createSymbolicLink(view(name), shared);
            }
        }

        /** Starts the bridges that do not run (both at first), side by side. */
        void startWhatIsStopped(String test) throws Exception {
            a = startUnlessRunning(a, "a", test);
            b = startUnlessRunning(b, "b", test);
        }

        private static PairMember startUnlessRunning(PairMember member, String name, String test) throws Exception {
            if (member != null && member.running()) {
                return member;
            }
            if (member != null) {
                member.close();
            }
            return startMember(name, work, test, election(view(name).resolve(LOCK)));
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

        void takeTheSharedFolderAwayFrom(PairMember member) throws IOException {
            Path view = view(member.name());
            Files.delete(view);
            Files.writeString(view, "not the shared folder");
        }

        void giveTheSharedFolderBack(PairMember member) throws IOException {
            Path view = view(member.name());
            Files.delete(view);
            Files.createSymbolicLink(view, shared);
        }

        void replaceWhoLostTheSharedFolder() throws Exception {
            for (String name : List.of("a", "b")) {
                Path view = view(name);
                PairMember member = name.equals("a") ? a : b;
                if (!Files.isSymbolicLink(view)) {
                    if (member != null) {
                        member.kill();
                    }
                    Files.delete(view);
                    Files.createSymbolicLink(view, shared);
                }
            }
        }

        private static Path view(String name) {
            return work.resolve(name + "-view");
        }

        @Override
        public void close() throws InterruptedException {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
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
}
