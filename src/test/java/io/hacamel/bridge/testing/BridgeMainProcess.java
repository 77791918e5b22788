package io.hacamel.bridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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

/** The bridge run as {@code java -jar} runs it, in a process of its own, for tests of how it refuses to start. */
public final class BridgeMainProcess {

    /** How the process ended: its exit code and everything it printed. */
    public record Exit(int code, String output) {
    }

    private BridgeMainProcess() {
    }

    /** Runs the bridge in {@code home} with these environment variables until it exits by itself (3 minutes at most). */
    public static Exit run(Path home, Map<String, String> environment) throws Exception {
        ProcessBuilder bridge = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", mainClassPath(), BridgeApplication.class.getName())
                .directory(home.toFile()).redirectErrorStream(true);
        bridge.environment().put("BRIDGE_HOME", home.toString());
        bridge.environment().putAll(environment);
        Process process = bridge.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the bridge exits by itself").isTrue();
        return new Exit(process.exitValue(), output.get(30, TimeUnit.SECONDS));
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
