package io.hacamel.bridge.observability;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.hacamel.bridge.testing.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port that is in use fails the start: the bridge, run as {@code java -jar} runs it, exits with 1 and says which
 * port and which setting, instead of running without its API (Camel's HTTP server only logs a warning).
 */
class BusyPortTest {

    @Test
    void theBridgeExitsWhenItsApiPortIsTaken(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0); ServerSocket unused = new ServerSocket(0)) {
            int managementPort = unused.getLocalPort();
            unused.close();
            BridgeCommand.Exit exit = BridgeCommand.run(home, Map.of(
                    "CAMEL_SERVER_PORT", String.valueOf(taken.getLocalPort()),
                    "CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort),
                    "HA_URL", "http://127.0.0.1:" + managementPort,
                    "HA_TOKEN", "busy-port-test-token",
                    // the embedded broker would take 1883 first, and fail the start itself where something else has it
                    "MQTT_ENABLED", "false"));

            assertThat(exit.code()).isEqualTo(1);
            assertThat(exit.output())
                    .contains("The bridge did not start: Cannot listen for HTTP on port " + taken.getLocalPort()
                            + ": Address already in use")
                    .contains("choose another with camel.server.port (environment variable CAMEL_SERVER_PORT)")
                    .doesNotContain("busy-port-test-token");
        }
    }
}
