package io.hacamel.bridge.commands;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Neither the access token nor the bridge's API key appear in a log line (even at DEBUG), an answer or /status. */
class ServiceCallSecretsTest extends ServiceCallTestSupport {

    private static final String LIGHT = "{\"target\": {\"entity_id\": \"light.hallway\"}}";
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("ha.reconnect.initial-delay", "60s");
        properties.put("ha.reconnect.max-delay", "60s");
    }

    @Test
    void noSecretLeaksFromServiceCalls() {
        awaitReady();
        StringBuilder answers = new StringBuilder();
        answers.append(call("light", "turn_off", LIGHT).text());
        answers.append(call("light", "nope", "{}").text());
        answers.append(call("light", "turn_on", "{\"bad\": 1}").text());
        answers.append(post("/api/v1/services/light/turn_on", LIGHT, "wrong-" + API_KEY).text());
        answers.append(post("/api/v1/services/light/turn_on", LIGHT, API_KEY + " ").text());
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 503);
        answers.append(call("light", "turn_on", LIGHT).text());
        simulator.faults().acceptToken("another-token");
        answers.append(call("light", "turn_on", LIGHT).text());
        simulator.faults().restDown(true);
        answers.append(call("light", "turn_on", LIGHT).text());
        answers.append(api.get("/status").text()).append(api.get("/metrics").text());

        assertThat(answers.toString()).contains("\"via\":\"rest\"", "\"tried\"").doesNotContain(TOKEN, API_KEY);
        assertThat(api.get("/status").body().path("configuration").path("bridge.api-key").asText()).isEqualTo("****");
        assertThat(logs.lines()).isNotEmpty().anyMatch(line -> line.contains("goes over the REST API"))
                .noneMatch(line -> line.contains(TOKEN) || line.contains(API_KEY));
    }
}
