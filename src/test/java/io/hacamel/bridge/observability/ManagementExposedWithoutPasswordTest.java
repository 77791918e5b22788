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
        ProcessBuilder bridge = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", mainClassPath(), BridgeApplication.class.getName())
                .directory(home.toFile()).redirectErrorStream(true);
        bridge.environment().put("BRIDGE_HOME", home.toString());
        bridge.environment().put("CAMEL_SERVER_PORT", String.valueOf(apiPort));
        bridge.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
        bridge.environment().put("CAMEL_MANAGEMENT_HOST", "0.0.0.0");
        bridge.environment().put("MQTT_ENABLED", "false");

        Process process = bridge.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("the bridge exits by itself").isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output.get(30, TimeUnit.SECONDS)).contains("The bridge did not start: camel.management.host = "
                + "0.0.0.0 opens the management port (Jolokia, which reads every MBean) to the network: set "
                + "management.username and management.password, or camel.management.host = 127.0.0.1");
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
