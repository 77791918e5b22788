package io.hacamel.bridge.observability;

import java.time.Duration;
import java.util.List;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every change of the session to Home Assistant is one log line with its context, and none holds the token. */
class ConnectionLogTest extends BridgeTestSupport {

    private static LogCapture logs;

    /** Before the bridge starts, which connects it. */
    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Test
    void oneLinePerConnectionChange() {
        awaitReady();
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/status").body().path("home_assistant")
                .path("reconnects").asLong() == 1 && api.get("/health").status() == 200);
        simulator.faults().revokeToken();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health").body().path("home_assistant")
                .path("state").asText().equals("AUTH_FAILED"));

        List<String> session = logs.lines().stream()
                .filter(line -> line.contains("io.hacamel.bridge.client.HaConnection - ")
                        && !line.startsWith("DEBUG") && !line.startsWith("TRACE"))
                .filter(line -> !line.contains("Resynced")).toList();
        assertThat(session).hasSize(5);
        assertThat(session.get(0)).startsWith("INFO").contains("Connected to Home Assistant 2023.6.3 at ws://");
        assertThat(session.get(1)).startsWith("WARN").contains("Home Assistant unavailable: connection lost")
                .contains("reconnecting in");
        assertThat(session.get(2)).startsWith("INFO").contains("Connected to Home Assistant");
        assertThat(session.get(3)).startsWith("WARN").contains("Home Assistant unavailable: connection lost");
        assertThat(session.get(4)).startsWith("ERROR").contains("rejected the access token")
                .contains("Not reconnecting");
        assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
    }
}
