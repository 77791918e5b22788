package io.hacamel.bridge.publish;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.hacamel.bridge.BridgeApplication;
import io.hacamel.bridge.testing.FreePorts;
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
            ProcessBuilder bridge = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", mainClassPath(), BridgeApplication.class.getName())
                    .directory(home.toFile()).redirectErrorStream(true);
            bridge.environment().put("BRIDGE_HOME", home.toString());
            bridge.environment().put("MQTT_EMBEDDED_PORT", String.valueOf(port));
            bridge.environment().put("CAMEL_SERVER_PORT", String.valueOf(FreePorts.next()));
            bridge.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));

            Process process = bridge.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            boolean exited = process.waitFor(3, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }

            assertThat(exited).as("the bridge exits by itself").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            String log = output.get(30, TimeUnit.SECONDS);
            String reason = "The embedded MQTT broker cannot listen on 127.0.0.1:" + port + ": the port is taken";
            assertThat(log).contains("The bridge did not start: " + reason)
                    .contains("MQTT_URL=tcp://127.0.0.1:" + port, "mqtt.embedded.port (MQTT_EMBEDDED_PORT)")
                    .doesNotContain("tcp://127.0.0.1:0", "-p 0", "Publishing to", "AMQ");
            assertThat(log.lines().filter(line -> line.contains(reason))).as("lines that give the reason").hasSize(1);
        }
    }

    /** The bridge's classes and libraries without the tests' classes, which the bridge's package scan would find. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
