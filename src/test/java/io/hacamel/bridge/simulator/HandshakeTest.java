package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeTest extends SimulatorTestSupport {

    @Test
    void asksForAuthAndAcceptsTheToken() {
        HaSimulator simulator = start();
        TestClient client = connect(simulator);

        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(5));
        client.sendText("{\"type\": \"auth\", \"access_token\": \"" + SimulatorOptions.DEFAULT_TOKEN + "\"}");

        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(7));
        await().atMost(TestClient.WAIT).until(() -> simulator.stats().authenticatedClients() == 1);
    }

    @Test
    void answersABadTokenWithAuthInvalidThenCloses1000() {
        HaSimulator simulator = start();
        TestClient client = connect(simulator);
        client.next();

        client.sendText("{\"type\": \"auth\", \"access_token\": \"not-a-valid-token\"}");

        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(3));
        assertThat(client.awaitClose()).isEqualTo((short) 1000);
        assertThat(simulator.stats().authFailures()).isEqualTo(1);
        await().atMost(TestClient.WAIT).until(() -> simulator.stats().connectedClients() == 0);
    }

    @Test
    void reportsAMalformedAuthMessageTheVoluptuousWay() {
        HaSimulator simulator = start();
        TestClient client = connect(simulator);
        client.next();

        client.sendText("{\"type\": \"auth\", \"access_token\": 42, \"extra\": true}");

        JsonNode invalid = client.next();
        assertThat(invalid.path("type").asText()).isEqualTo("auth_invalid");
        assertThat(invalid.path("message").asText()).isEqualTo("Auth message incorrectly formatted: "
            + "expected str for dictionary value @ data['access_token']. Got 42\n"
            + "extra keys not allowed @ data['extra']. Got True");
        assertThat(client.awaitClose()).isEqualTo((short) 1000);
    }

    @Test
    void closesAConnectionThatDoesNotAuthenticateInTime() {
        HaSimulator simulator = start(new SimulatorOptions().authTimeout(Duration.ofMillis(300)));
        TestClient client = connect(simulator);
        client.next();

        assertThat(client.awaitClose()).isEqualTo((short) 1000);
        assertThat(simulator.stats().authFailures()).isZero();
    }

    @Test
    void closesOnInvalidJson() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);

        client.sendText("{not json");

        assertThat(client.awaitClose()).isEqualTo((short) 1000);
        await().atMost(TestClient.WAIT).until(() -> simulator.stats().authenticatedClients() == 0);
    }

    @Test
    void reportsTheConfiguredVersion() {
        HaSimulator simulator = start(new SimulatorOptions().haVersion("2024.12.5").token("other"));
        TestClient client = connect(simulator);

        assertThat(client.nextRaw()).isEqualTo("{\"type\":\"auth_required\",\"ha_version\":\"2024.12.5\"}");
        client.sendText("{\"type\":\"auth\",\"access_token\":\"other\"}");
        assertThat(client.nextRaw()).isEqualTo("{\"type\":\"auth_ok\",\"ha_version\":\"2024.12.5\"}");
    }
}
