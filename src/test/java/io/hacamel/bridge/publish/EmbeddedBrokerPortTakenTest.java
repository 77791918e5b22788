package io.hacamel.bridge.publish;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.hacamel.bridge.testing.FreePorts;
import io.hacamel.bridge.testing.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port taken where the embedded broker would listen (a Mosquitto beside Home Assistant, typically) stops the start:
 * the bridge, run as {@code java -jar} runs it in demo mode, exits with 1 and says in one line what to set, instead of
 * publishing to port 0 and telling the user to subscribe there.
 */
class EmbeddedBrokerPortTakenTest {

    @Test
    void aTakenPortStopsTheStartWithOneClearLine(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BridgeCommand.Exit exit = BridgeCommand.run(home, Map.of(
                    "MQTT_EMBEDDED_PORT", String.valueOf(port),
                    "CAMEL_SERVER_PORT", String.valueOf(FreePorts.next()),
                    "CAMEL_MANAGEMENT_PORT", String.valueOf(FreePorts.next())));

            assertThat(exit.code()).isEqualTo(1);
            String log = exit.output();
            String reason = "The embedded MQTT broker cannot listen on 127.0.0.1:" + port + ": the port is taken";
            assertThat(log).contains("The bridge did not start: " + reason)
                    .contains("MQTT_URL=tcp://127.0.0.1:" + port, "mqtt.embedded.port (MQTT_EMBEDDED_PORT)")
                    .doesNotContain("tcp://127.0.0.1:0", "-p 0", "Publishing to", "AMQ");
            assertThat(log.lines().filter(line -> line.contains(reason))).as("lines that give the reason").hasSize(1);
        }
    }
}
