package io.hacamel.bridge.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.BridgeApplication;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.FreePorts;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge as its own process, killed with SIGKILL: no clean disconnect, so the broker publishes the bridge's last
 * will and every subscriber sees it offline.
 */
class MqttLastWillTest {

    private static final String TOKEN = "kill-test-token";
    private static final String BASE = "killed/statestream";

    @TempDir
    Path home;

    private final MqttTestBroker broker = MqttTestBroker.start();
    private final HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN)
            .home(SimulatedHome.transcript()));
    private Process bridge;

    @AfterEach
    void tearDown() {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
        simulator.close();
        broker.close();
    }

    @Test
    void aKilledBridgeIsMarkedOfflineByItsLastWill() throws Exception {
        try (MqttRecorder availability = MqttRecorder.subscribe(broker.url(), BASE + "/bridge/#")) {
            bridge = startBridge();
            assertThat(nextAvailability(availability)).isEqualTo("online");

            bridge.destroyForcibly();
            assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(nextAvailability(availability)).isEqualTo("offline");
            availability.assertExhausted();
        }
        assertThat(MqttRecorder.retained(broker.url(), BASE + "/bridge/#"))
                .isEqualTo(Map.of(BASE + "/bridge/availability", "offline"));
    }

    /** The next availability message; when none comes, the bridge's output tells why. */
    private String nextAvailability(MqttRecorder availability) throws IOException {
        try {
            return availability.next(BASE + "/bridge/availability").payload();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the bridge's output:\n"
                    + Files.readString(home.resolve("bridge.log")), e);
        }
    }

    private Process startBridge() throws IOException {
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BridgeApplication.class.getName());
        process.environment().put("BRIDGE_HOME", home.toString());
        process.environment().put("HA_URL", simulator.httpUrl());
        process.environment().put("HA_TOKEN", TOKEN);
        process.environment().put("MQTT_URL", broker.url());
        process.environment().put("MQTT_BASE_TOPIC", BASE);
        process.environment().put("CAMEL_SERVER_PORT", String.valueOf(FreePorts.next()));
        process.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        process.directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("bridge.log").toFile());
        return process.start();
    }

}
