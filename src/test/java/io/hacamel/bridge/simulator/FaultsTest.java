package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimulatorTestSupport {

    private static final Duration QUIET = Duration.ofMillis(500);
    /** Above a 16 MiB frame limit, below Jackson's default 20 million character limit for one string. */
    private static final int OVERSIZED = 17 * 1024 * 1024;

    @Test
    void dropsConnectionsWithoutACloseFrame() throws Exception {
        HaSimulator simulator = start();
        authenticated(simulator);

        try (RawWebSocket raw = RawWebSocket.connect(simulator.port())) {
            assertThat(raw.nextOpcode()).isEqualTo(RawWebSocket.TEXT);
            simulator.faults().dropConnections();

            assertThat(raw.nextOpcode()).as("no close frame, just the end of the stream").isEqualTo(RawWebSocket.EOF);
        }
        await().atMost(TestClient.WAIT).until(() -> simulator.stats().connectedClients() == 0);
    }

    @Test
    void closesConnectionsCleanlyWithTheGivenCode() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);

        simulator.faults().closeConnections(1001);

        assertThat(client.awaitClose()).isEqualTo((short) 1001);
    }

    @Test
    void goesSilentWithoutClosingAndComesBack() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "state_changed")));

        simulator.faults().goSilent(true);
        client.send("ping");
        client.ping();
        simulator.home().setState("input_boolean.camel_test", "on");

        client.assertNoMessage(QUIET);
        assertThat(client.pong()).isNotDone();
        assertThat(client.isClosed()).isFalse();
        simulator.faults().goSilent(false);
        int ping = client.send("ping");
        assertThat(client.next().path("id").asInt()).isEqualTo(ping);
    }

    @Test
    void delaysResultsButNotEvents() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);
        simulator.faults().delayResults(Duration.ofMillis(400));

        int call = client.send(toggle("input_boolean.camel_test"));

        List<JsonNode> frames = client.untilResult(call);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0).path("id").asInt()).isEqualTo(subscription);
    }

    @Test
    void refusesConnectionsUntilListeningAgainOnTheSamePort() {
        HaSimulator simulator = start();
        authenticated(simulator);
        int port = simulator.port();

        simulator.faults().refuseConnections(true);

        assertThat(simulator.stats().connectedClients()).isZero();
        assertThatThrownBy(() -> TestClient.connect(simulator.websocketUrl())).isInstanceOf(AssertionError.class);
        simulator.faults().refuseConnections(false);
        assertThat(simulator.port()).isEqualTo(port);
        authenticated(simulator);
    }

    @Test
    void sendsRawMalformedAndOversizedFrames() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);

        simulator.faults().sendRaw("{\"id\":99,\"type\":\"pong\"}");
        simulator.faults().sendMalformed();
        simulator.faults().sendOversized(OVERSIZED);

        assertThat(client.nextRaw()).isEqualTo("{\"id\":99,\"type\":\"pong\"}");
        String malformed = client.nextRaw();
        assertThatThrownBy(() -> TestClient.parse(malformed)).isInstanceOf(AssertionError.class);
        String oversized = client.nextRaw();
        assertThat(oversized.length()).isEqualTo(OVERSIZED);
        assertThat(TestClient.parse(oversized).path("id").asInt()).isEqualTo(subscription);
    }

    @Test
    void revokesTheTokenAndAcceptsAnother() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);

        simulator.faults().revokeToken();

        assertThat(client.awaitClose()).isEqualTo((short) 1000);
        TestClient refused = connect(simulator);
        refused.next();
        refused.sendText("{\"type\":\"auth\",\"access_token\":\"" + SimulatorOptions.DEFAULT_TOKEN + "\"}");
        assertThat(refused.next().path("type").asText()).isEqualTo("auth_invalid");
        simulator.faults().acceptToken("rotated");
        TestClient rotated = connect(simulator);
        rotated.authenticate("rotated");
        simulator.faults().reset();
        authenticated(simulator);
    }

    @Test
    void runsWithheldCallsWithoutAnswering() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);
        simulator.faults().withholdNextResults(1, "call_service");

        client.send(toggle("input_boolean.camel_test"));

        assertThat(client.next().path("event").path("data").path("entity_id").asText())
            .isEqualTo("input_boolean.camel_test");
        assertThat(client.next().path("event").path("data").path("entity_id").asText())
            .isEqualTo("switch.camel_switch");
        client.assertNoMessage(QUIET);
        assertThat(simulator.home().state("input_boolean.camel_test").path("state").asText()).isEqualTo("on");
        int answered = client.send(toggle("input_boolean.camel_test"));
        assertThat(client.result(answered).path("success").asBoolean()).isTrue();
    }

    @Test
    void failsTheNextCallsWithoutRunningThem() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        simulator.faults().failNextCalls(2, "home_assistant_error", "Boom");

        JsonNode first = client.result(client.send(toggle("input_boolean.camel_test")));
        JsonNode second = client.result(client.send(toggle("input_boolean.camel_test")));
        JsonNode third = client.result(client.send(toggle("input_boolean.camel_test")));

        assertThat(first.path("error").toString())
            .isEqualTo("{\"code\":\"home_assistant_error\",\"message\":\"Boom\"}");
        assertThat(second.path("success").asBoolean()).isFalse();
        assertThat(third.path("success").asBoolean()).isTrue();
        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(1);
    }

    @Test
    void takesTheRestApiDownOrLetsItHang() {
        HaSimulator simulator = start();
        RestClient rest = new RestClient(simulator.httpUrl());

        simulator.faults().restDown(true);
        assertThat(rest.get("/api/").statusCode()).isEqualTo(500);
        simulator.faults().restDown(false);
        simulator.faults().restHang(true);
        assertThat(rest.answersWithin("/api/", Duration.ofMillis(500))).isFalse();
        simulator.faults().reset();
        assertThat(rest.get("/api/").statusCode()).isEqualTo(200);
    }

    @Test
    void resetListensAgainAfterRefusing() {
        HaSimulator simulator = start();
        simulator.faults().refuseConnections(true);

        simulator.faults().reset();

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> authenticated(simulator));
    }

    private static ObjectNode toggle(String entityId) {
        ObjectNode call = TestClient.command("call_service").put("domain", "input_boolean").put("service", "toggle");
        call.putObject("target").put("entity_id", entityId);
        return call;
    }
}
