package io.hacamel.bridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.hacamel.bridge.BridgeApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge as a process of its own, as {@code java -jar} runs it: for tests of how it starts and stops. */
public final class BridgeCommand {

    /** How a process ended: its exit code and everything it printed. */
    public record Exit(int code, String output) {
    }

    private BridgeCommand() {
    }

    /** Runs the bridge in {@code home} with these environment variables until it exits by itself (3 minutes at most). */
    public static Exit run(Path home, Map<String, String> environment) throws Exception {
        ProcessBuilder bridge = inHome(home);
        bridge.environment().putAll(environment);
        Process process = bridge.start();
        CompletableFuture<String> output = output(process);
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the bridge exits by itself").isTrue();
        return new Exit(process.exitValue(), output.get(30, TimeUnit.SECONDS));
    }

    /** {@code java -cp <the bridge's classes and libraries> BridgeApplication} in {@code home}, output merged. */
    public static ProcessBuilder inHome(Path home) {
        ProcessBuilder bridge = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", mainClassPath(), BridgeApplication.class.getName())
                .directory(home.toFile()).redirectErrorStream(true);
        bridge.environment().put("BRIDGE_HOME", home.toString());
        return bridge;
    }

    /** Everything the process writes, once it ended. */
    public static CompletableFuture<String> output(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The bridge's classes and libraries without the tests' classes, which the bridge's package scan would find. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    }
}
