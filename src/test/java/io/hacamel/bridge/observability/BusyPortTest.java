package io.hacamel.bridge.observability;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.hacamel.bridge.testing.BridgeCommand;
import io.hacamel.bridge.testing.BridgeCommand.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port that is in use fails the start: the bridge, run as {@code java -jar} runs it, exits with 1 and says in one
 * line which port and which setting, before it starts anything, instead of running without its API (Camel's HTTP
 * server only logs a warning) or printing pages of stack traces. A second bridge started in demo mode beside a first
 * one is the common case.
 */
class BusyPortTest {

    @Test
    void aSecondBridgeOnTheSamePortsSaysSoInOneLine(@TempDir Path home) throws Exception {
        try (ServerSocket api = new ServerSocket(0); ServerSocket management = new ServerSocket(0);
                ServerSocket mqtt = new ServerSocket(0)) {
            Exit second = BridgeCommand.run(home, Map.of(
                    "CAMEL_SERVER_PORT", String.valueOf(api.getLocalPort()),
                    "CAMEL_MANAGEMENT_PORT", String.valueOf(management.getLocalPort()),
                    "MQTT_EMBEDDED_PORT", String.valueOf(mqtt.getLocalPort())));

            assertThat(second.code()).isEqualTo(1);
            assertThat(second.lines().get(second.lines().size() - 1))
                    .contains("The bridge did not start: Cannot listen for HTTP on port " + api.getLocalPort()
                            + ": Address already in use. Stop what uses the port (another bridge?), or choose another"
                            + " with camel.server.port (environment variable CAMEL_SERVER_PORT).");
            assertThat(second.lines()).as(second.output())
                    .hasSizeLessThanOrEqualTo(3) // Camel Main's first two lines, then this one
                    .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"))
                    .noneMatch(line -> line.contains("DEMO MODE") || line.contains("MQTT broker"));
        }
    }

    @Test
    void theManagementPortToo(@TempDir Path home) throws Exception {
        try (ServerSocket api = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            int apiPort = api.getLocalPort();
            api.close();
            Exit exit = BridgeCommand.run(home, Map.of(
                    "CAMEL_SERVER_PORT", String.valueOf(apiPort),
                    "CAMEL_MANAGEMENT_PORT", String.valueOf(management.getLocalPort()),
                    "HA_URL", "http://127.0.0.1:" + apiPort,
                    "HA_TOKEN", "busy-port-test-token",
                    // the embedded broker would take 1883 first, and fail the start itself where something else has it
                    "MQTT_ENABLED", "false"));

            assertThat(exit.code()).isEqualTo(1);
            assertThat(exit.output())
                    .contains("The bridge did not start: Cannot listen for HTTP on port " + management.getLocalPort()
                            + ": Address already in use")
                    .contains("choose another with camel.management.port (environment variable CAMEL_MANAGEMENT_PORT)")
                    .doesNotContain("busy-port-test-token");
        }
    }
}
