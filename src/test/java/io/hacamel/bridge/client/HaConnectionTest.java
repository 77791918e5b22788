package io.hacamel.bridge.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.simulator.SimulatorRecorder;
import io.hacamel.bridge.testing.HaEventRecorder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.hacamel.bridge.client.ConnectionState.AUTHENTICATED;
import static io.hacamel.bridge.client.ConnectionState.AUTH_FAILED;
import static io.hacamel.bridge.client.ConnectionState.CONNECTING;
import static io.hacamel.bridge.client.ConnectionState.DISCONNECTED;
import static io.hacamel.bridge.client.ConnectionState.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The session against the simulator, over real sockets: handshake, resync, reconnect, heartbeat, requests. */
class HaConnectionTest {

    private static final String TOKEN = "connection-test-token";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<String> TRANSCRIPT_ENTITIES = Set.of("input_number.camel_level",
            "input_number.camel_lamp_brightness", "input_boolean.camel_test", "input_boolean.camel_lamp_state",
            "switch.camel_switch", "light.camel_lamp");

    private final Vertx vertx = Vertx.vertx();
    private final HaSimulator simulator = HaSimulator.start(new SimulatorOptions().vertx(vertx).token(TOKEN)
            .home(SimulatedHome.transcript()).recordFrames(true));
    private final SimulatorRecorder sent = simulator.recorder();
    private final HaEventRecorder recorder = new HaEventRecorder();
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
    void handshakeAuthenticatesSubscribesAndSeedsEveryState() {
        start(options());
        expectFirstSync();

        assertThat(sent.nextInbound("auth", WAIT).message().path("access_token").asText()).isEqualTo(TOKEN);
        JsonNode features = sent.nextInbound("supported_features", WAIT).message();
        assertThat(features.path("id").asInt()).isEqualTo(1);
        assertThat(features.path("features").path("coalesce_messages").asInt()).isEqualTo(1);
        JsonNode subscribe = sent.nextInbound("subscribe_events", WAIT).message();
        assertThat(subscribe.path("id").asInt()).isEqualTo(2);
        assertThat(subscribe.path("event_type").asText()).isEqualTo("state_changed");
        assertThat(sent.nextInbound("get_states", WAIT).message().path("id").asInt()).isEqualTo(3);
        assertThat(connection.stats().haVersion()).isEqualTo("2023.6.3");
        sent.assertExhausted();
        recorder.assertExhausted();
    }

    @Test
    void keepsTheStatesOfAResyncAsHomeAssistantWroteThem() {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("level", new BigDecimal("21.50"));
        simulator.home().setState("input_number.camel_level", "21.50", attributes);

        start(options());

        recorder.nextState(CONNECTING);
        recorder.nextState(AUTHENTICATED);
        for (int i = 0; i < TRANSCRIPT_ENTITIES.size(); i++) {
            HaEvent event = recorder.nextEvent();
            if (event.entityId().equals("input_number.camel_level")) {
                // Jackson would write the tree's number back as 21.5
                assertThat(new String(event.compactNewState().json(), StandardCharsets.UTF_8))
                        .contains("\"attributes\":{\"level\":21.50}");
            }
        }
        recorder.nextSynced();
        recorder.nextState(READY);
        recorder.assertExhausted();
    }

    @Test
    void authenticatesEvenWhenTheAuthRequiredFrameIsLost() {
        simulator.faults().loseAuthRequired(true);

        start(options());

        expectFirstSync();
        recorder.assertExhausted();
    }

    @Test
    void authInvalidIsFinal() {
        start(options().token(() -> "not-the-token"));

        recorder.nextState(CONNECTING);
        assertThat(recorder.nextState(AUTH_FAILED).reason()).contains("Invalid access token or password");
        assertThat(connection.stats().authFailures()).isEqualTo(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> simulator.stats().totalConnections() == 1);
        recorder.assertExhausted();
    }

    @Test
    void afterAuthInvalidARotatedTokenIsPickedUpWithoutARestart() {
        AtomicReference<String> tokenFile = new AtomicReference<>("revoked-token");
        start(options().token(tokenFile::get).reconnect(Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.0, 0));
        recorder.nextState(CONNECTING);
        recorder.nextState(AUTH_FAILED);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> simulator.stats().totalConnections() == 1);

        tokenFile.set(TOKEN);

        expectFirstSync();
        assertThat(simulator.stats().totalConnections()).isEqualTo(2);
        recorder.assertExhausted();
    }

    @Test
    void reconnectsAfterADropAndResyncsWhatChangedMeanwhile() {
        start(options());
        expectFirstSync();

        simulator.restart(home -> {
            home.setState("switch.camel_switch", "on");
            home.removeEntity("input_number.camel_level");
        });

        assertThat(recorder.nextState(DISCONNECTED).reason()).contains("connection lost");
        recorder.skipUntilState(AUTHENTICATED);
        HaEvent changed = recorder.nextStateChange("switch.camel_switch");
        assertThat(changed.resync()).isTrue();
        assertThat(changed.oldState().path("state").asText()).isEqualTo("off");
        assertThat(changed.newState().path("state").asText()).isEqualTo("on");
        HaEvent removed = recorder.nextStateChange("input_number.camel_level");
        assertThat(removed.isRemoval()).isTrue();
        HaEvent synced = recorder.nextSynced();
        assertThat(synced.event().path("data").path("changed").asInt()).isEqualTo(1);
        assertThat(synced.event().path("data").path("removed").asInt()).isEqualTo(1);
        recorder.nextState(READY);
        assertThat(connection.stats().reconnects()).isEqualTo(1);
        recorder.assertExhausted();
    }

    @Test
    void reconnectDelaysGrowExponentiallyUpToTheCap() {
        simulator.faults().refuseConnections(true);
        start(options().reconnect(Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.0, 0));

        List<String> plans = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            recorder.nextState(CONNECTING);
            plans.add(recorder.nextState(DISCONNECTED).reason());
        }

        assertThat(plans).satisfiesExactly(
                plan -> assertThat(plan).contains("Connection refused").endsWith("in 50 ms (attempt 1)"),
                plan -> assertThat(plan).endsWith("in 100 ms (attempt 2)"),
                plan -> assertThat(plan).endsWith("in 200 ms (attempt 3)"),
                plan -> assertThat(plan).endsWith("in 200 ms (attempt 4)"));
        simulator.faults().refuseConnections(false);
        recorder.skipUntilState(READY);
    }

    @Test
    void heartbeatNoticesAHalfOpenConnection() {
        start(options().pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(300))
                .handshakeTimeout(Duration.ofSeconds(1)));
        expectFirstSync();

        simulator.faults().goSilent(true);

        assertThat(recorder.nextState(DISCONNECTED).reason()).contains("no pong");
        assertThat(connection.stats().missedPongs()).isEqualTo(1);
        simulator.faults().goSilent(false);
        recorder.skipUntilState(AUTHENTICATED);
        assertThat(recorder.nextSynced().event().path("data").path("changed").asInt()).isZero();
        recorder.nextState(READY);
        recorder.assertExhausted();
    }

    @Test
    void theEventsOfAServiceCallArriveBeforeItsResult() {
        start(options());
        expectFirstSync();
        AtomicInteger eventsSeenWhenTheResultCame = new AtomicInteger(-1);

        JsonNode result = connection.request(toggle("input_boolean.camel_test"))
                .thenApply(answer -> {
                    eventsSeenWhenTheResultCame.set(recorder.waiting());
                    return answer;
                }).join();

        assertThat(eventsSeenWhenTheResultCame.get()).isEqualTo(2);
        assertThat(result.path("context").path("id").asText()).hasSize(26);
        recorder.nextStateChange("input_boolean.camel_test");
        recorder.nextStateChange("switch.camel_switch");
        recorder.assertExhausted();
    }

    @Test
    void aMalformedFrameIsSkippedCountedAndTheSessionGoesOn() {
        start(options());
        expectFirstSync();

        simulator.faults().sendMalformed();
        await().atMost(WAIT).until(() -> connection.stats().malformedFrames() == 1);
        simulator.home().setState("switch.camel_switch", "on");

        assertThat(recorder.nextStateChange("switch.camel_switch").newState().path("state").asText()).isEqualTo("on");
        assertThat(connection.state()).isEqualTo(READY);
        recorder.assertExhausted();
    }

    @Test
    void aMalformedStateChangeLeavesWhatTheNextResyncComparesWith() {
        start(options());
        expectFirstSync();

        // neither an old nor a new state: the consumer skips it as malformed, so nothing may count it as a removal
        simulator.faults().sendRaw("{\"id\":2,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
                + "\"data\":{\"entity_id\":\"switch.camel_switch\",\"old_state\":null,\"new_state\":null},"
                + "\"origin\":\"LOCAL\",\"time_fired\":\"2024-01-01T00:00:00+00:00\"}}");
        assertThat(recorder.nextStateChange("switch.camel_switch").defect()).isNotNull();
        simulator.faults().dropConnections();

        recorder.nextState(DISCONNECTED);
        recorder.skipUntilState(AUTHENTICATED);
        HaEvent synced = recorder.nextSynced();
        assertThat(synced.event().path("data").path("changed").asInt()).as("switch.camel_switch came back as added")
                .isZero();
        recorder.nextState(READY);
        recorder.assertExhausted();
    }

    @Test
    void anOversizedFrameIsRefusedAndTheSessionRecovers() {
        start(options().maxFrameSize(64 * 1024));
        expectFirstSync();

        simulator.faults().sendOversized(200 * 1024);

        recorder.nextState(DISCONNECTED);
        recorder.skipUntilState(AUTHENTICATED);
        recorder.nextSynced();
        recorder.nextState(READY);
        recorder.assertExhausted();
    }

    @Test
    void failuresSayWhetherTheRequestMayHaveReachedHomeAssistant() {
        HaConnection notStarted = new HaConnection(vertx, options(), new ObjectMapper());
        assertThat(failure(notStarted.request(HaMessages.ping()))).satisfies(error -> {
            assertThat(error.code()).isEqualTo(HaErrorCode.NOT_CONNECTED);
            assertThat(error.delivered()).isFalse();
        });

        start(options());
        expectFirstSync();
        simulator.faults().withholdNextResults(1, "call_service");
        assertThat(failure(connection.request(toggle("input_boolean.camel_test"), Duration.ofMillis(300))))
                .satisfies(error -> {
                    assertThat(error.code()).isEqualTo(HaErrorCode.TIMEOUT);
                    assertThat(error.delivered()).isTrue();
                });
        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(1);
        recorder.nextStateChange("input_boolean.camel_test");
        recorder.nextStateChange("switch.camel_switch");

        assertThat(failure(connection.request(HaMessages.callService("input_boolean", "does_not_exist", null, null,
                false)))).satisfies(error -> {
                    assertThat(error.code()).isEqualTo(HaErrorCode.HOME_ASSISTANT_ERROR);
                    assertThat(error.haCode()).isEqualTo("not_found");
                    assertThat(error.getMessage()).isEqualTo("Service not found.");
                });
        recorder.assertExhausted();
    }

    @Test
    void idsStrictlyIncreaseWhateverThreadsSend() throws Exception {
        start(options());
        expectFirstSync();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> connection.request(HaMessages.ping()), threads)
                    .thenCompose(answer -> answer));
        }

        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        threads.shutdown();
        assertThat(connection.state()).isEqualTo(READY);
        recorder.assertExhausted();
    }

    private HaClientOptions options() {
        return new HaClientOptions().url(simulator.httpUrl()).token(() -> TOKEN)
                .reconnect(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.1, 0);
    }

    private void start(HaClientOptions options) {
        connection = new HaConnection(vertx, options, new ObjectMapper());
        connection.addListener(recorder);
        connection.subscribe("state_changed", recorder);
        connection.start();
    }

    private void expectFirstSync() {
        recorder.nextState(CONNECTING);
        recorder.nextState(AUTHENTICATED);
        Set<String> seeded = new HashSet<>();
        for (int i = 0; i < TRANSCRIPT_ENTITIES.size(); i++) {
            HaEvent event = recorder.nextEvent();
            assertThat(event.resync()).isTrue();
            assertThat(event.oldState()).isNull();
            seeded.add(event.entityId());
        }
        assertThat(seeded).isEqualTo(TRANSCRIPT_ENTITIES);
        recorder.nextSynced();
        recorder.nextState(READY);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode toggle(String entityId) {
        return HaMessages.callService(entityId.substring(0, entityId.indexOf('.')), "toggle", null,
                JsonNodeFactory.instance.objectNode().put("entity_id", entityId), false);
    }

    private static HaException failure(CompletableFuture<JsonNode> request) {
        assertThatThrownBy(request::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(HaException.class);
        return (HaException) request.handle((ok, error) -> error instanceof CompletionException c ? c.getCause() : error)
                .join();
    }
}
