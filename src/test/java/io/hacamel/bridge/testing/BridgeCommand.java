package io.hacamel.bridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.hacamel.bridge.BridgeApplication;

/**
 * The bridge's main class in a process of its own, as {@code java -jar} runs it, with its home in a directory of the
 * test's: for what only a whole process shows (its exit code, everything it prints, what the JVM does at exit).
 */
public final class BridgeCommand {

    /** How a run ended: the exit code, and stdout and stderr together. */
    public record Exit(int code, String output) {

        public List<String> lines() {
            return output.lines().toList();
        }
    }

    private BridgeCommand() {
    }

    /** Runs the bridge until it exits by itself (at most 3 minutes). */
    public static Exit run(Path home, Map<String, String> environment, String... jvmOptions) throws Exception {
        Process process = command(home, environment, jvmOptions).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the bridge did not exit by itself within 3 minutes");
        }
        return new Exit(process.exitValue(), output.get(30, TimeUnit.SECONDS));
    }

    /**
     * Starts the bridge and leaves it running, for a test that stops it (a signal, a kill) while it works: stdout and
     * stderr go to {@code output}.
     */
    public static Process start(Path home, Map<String, String> environment, Path output, String... jvmOptions)
            throws IOException {
        return command(home, environment, jvmOptions).redirectOutput(output.toFile()).start();
    }

    private static ProcessBuilder command(Path home, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", mainClassPath(home), BridgeApplication.class.getName()));
        ProcessBuilder bridge = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        bridge.environment().put("BRIDGE_HOME", home.toString());
        bridge.environment().putAll(environment);
        return bridge;
    }

    /**
     * The bridge's libraries and its classes, these as a jar in its home as in the bridge's own jar (the JVM's
     * class-data archive takes no directory); without the tests' classes, which the bridge's package scan would find,
     * and their log configuration: the bridge logs as it does for a user.
     */
    private static String mainClassPath(Path home) throws IOException {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                classPath.add(entry);
            } else if (!entry.endsWith("test-classes")) {
                classPath.add(jar(Path.of(entry), home.resolve("bridge-classes.jar")).toString());
            }
        }
        return String.join(File.pathSeparator, classPath);
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
            }
        }
        return jar;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
