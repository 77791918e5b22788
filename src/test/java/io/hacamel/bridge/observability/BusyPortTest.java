package io.hacamel.bridge.observability;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.hacamel.bridge.BridgeApplication;
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
            ProcessBuilder bridge = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", mainClassPath(), BridgeApplication.class.getName())
                    .directory(home.toFile()).redirectErrorStream(true);
            bridge.environment().put("BRIDGE_HOME", home.toString());
            bridge.environment().put("CAMEL_SERVER_PORT", String.valueOf(taken.getLocalPort()));
            bridge.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
            bridge.environment().put("HA_URL", "http://127.0.0.1:" + managementPort);
            bridge.environment().put("HA_TOKEN", "busy-port-test-token");

            Process process = bridge.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));

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
