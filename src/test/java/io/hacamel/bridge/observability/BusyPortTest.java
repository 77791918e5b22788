package io.hacamel.bridge.observability;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
            ProcessBuilder bridge = BridgeCommand.inHome(home);
            bridge.environment().put("CAMEL_SERVER_PORT", String.valueOf(taken.getLocalPort()));
            bridge.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
            bridge.environment().put("HA_URL", "http://127.0.0.1:" + managementPort);
            bridge.environment().put("HA_TOKEN", "busy-port-test-token");
            // the embedded broker would take 1883 first, and fail the start itself where something else has it
            bridge.environment().put("MQTT_ENABLED", "false");

            Process process = bridge.start();
            CompletableFuture<String> output = BridgeCommand.output(process);

            boolean exited = process.waitFor(3, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the bridge exits by itself").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output.get(30, TimeUnit.SECONDS))
                    .contains("The bridge did not start: Cannot listen for HTTP on port " + taken.getLocalPort()
                            + ": Address already in use")
                    .contains("choose another with camel.server.port (environment variable CAMEL_SERVER_PORT)")
                    .doesNotContain("busy-port-test-token");
        }
    }
}
