package io.hacamel.bridge;

import java.time.Duration;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The access token appears in no log line (even at DEBUG), no API answer and no error. */
class SecretsTest extends BridgeTestSupport {

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Test
    void theTokenNeverLeaks() {
        awaitReady();
        StringBuilder answers = new StringBuilder();
        for (String path : new String[] {"/health", "/status", "/api/v1/states", "/api/v1/states/light.camel_lamp",
                "/api/v1/states/light.fetched_over_rest", "/api/v1/states/BAD", "/api/v1/services"}) {
            answers.append(api.get(path).text());
        }
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/status").body().path("home_assistant")
                .path("reconnects").asLong() == 1);
        answers.append(api.get("/status").text());

        assertThat(answers.toString()).doesNotContain(TOKEN);
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
        assertThat(logs.lines()).anyMatch(line -> line.contains("Connected to Home Assistant"));
    }
}
