package io.hacamel.bridge.observability;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.hacamel.bridge.testing.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port on every interface without a user name and password: the bridge, run as {@code java -jar}
 * runs it, does not start, and says why in one line.
 */
class ManagementExposedWithoutPasswordTest {

    @Test
    void theBridgeRefusesToStart(@TempDir Path home) throws Exception {
        int apiPort;
        int managementPort;
        try (ServerSocket api = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            apiPort = api.getLocalPort();
            managementPort = management.getLocalPort();
        }

        BridgeCommand.Exit exit = BridgeCommand.run(home, Map.of(
                "CAMEL_SERVER_PORT", String.valueOf(apiPort),
                "CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort),
                "CAMEL_MANAGEMENT_HOST", "0.0.0.0",
                "MQTT_ENABLED", "false"));

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output()).contains("The bridge did not start: camel.management.host = 0.0.0.0 opens the "
                + "management port (Jolokia, which reads every MBean) to the network: set management.username and "
                + "management.password, or camel.management.host = 127.0.0.1");
    }
}
