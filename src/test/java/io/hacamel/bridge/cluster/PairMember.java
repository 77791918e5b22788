package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeCommand;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * One bridge of a pair, as a process of its own (the bridge's classes and libraries, as {@code java -jar} runs them:
 * {@code mvn verify} tests before it packages), in a home of its own, its output kept in
 * {@code target/pair-logs/<test>-<name>.log} for a look after a failure. Every bridge of these tests has the tests' API
 * key ({@link BridgeTestSupport#API_KEY}), and its API is read with it.
 */
final class PairMember implements AutoCloseable {

    private static final String API_KEY = BridgeTestSupport.API_KEY;

    private final String name;
    private final Process process;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path log;
    /** Asked to stop or killed: on its way out. */
    private volatile boolean leaving;
    private volatile boolean frozen;

    private PairMember(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code name} in {@code work/<name>-home} with these settings (environment variables) on top. */
    static PairMember start(String name, Path work, String test, Map<String, String> settings) throws IOException {
        Path home = Files.createDirectories(work.resolve(name + "-home"));
        Path log = Files.createDirectories(Path.of("target", "pair-logs")).resolve(test + "-" + name + ".log");
        int port = FreePorts.next();
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("CAMEL_SERVER_PORT", String.valueOf(port));
        environment.put("CAMEL_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        environment.put("BRIDGE_API_KEY", API_KEY);
        return new PairMember(name, BridgeCommand.start(home, environment, log, "-Xmx256m"), port, log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** The {@code cluster} section of /status; null while the bridge does not answer. */
    JsonNode cluster() {
        if (!process.isAlive()) {
            return null;
        }
        try {
            ApiClient.Answer answer = get("/status");
            return answer.status() == 200 && answer.body() != null ? answer.body().path("cluster") : null;
        } catch (AssertionError e) {
            return null; // not listening yet, or gone
        }
    }

    /** A GET with the API key; a bridge that does not answer within a few seconds fails it. */
    ApiClient.Answer get(String path) {
        return send(path, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + API_KEY));
    }

    /** A GET without a key, as anybody on the network would send it. */
    ApiClient.Answer getWithoutKey(String path) {
        return send(path, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private ApiClient.Answer send(String path, HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON (/metrics): the caller reads the text
            }
            return new ApiClient.Answer(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " of " + name + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code leader} or {@code standby}; null while the bridge does not answer. */
    String role() {
        JsonNode cluster = cluster();
        return cluster == null ? null : cluster.path("role").asText();
    }

    boolean isLeader() {
        return "leader".equals(role());
    }

    /** When the bridge took its current role, as it says. */
    Instant since() {
        return Instant.parse(cluster().path("since").asText());
    }

    void awaitReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return role() != null;
        });
    }

    void awaitRole(String role, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> role.equals(role()));
    }

    /** kill -9: the process ends at once, without a word to anyone. */
    void kill() throws InterruptedException {
        leaving = true;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the process where it stands (SIGSTOP), as a very long GC pause would. */
    void freeze() throws Exception {
        signal("STOP");
        frozen = true;
    }

    /** Lets a frozen process go on (SIGCONT). */
    void thaw() throws Exception {
        signal("CONT");
        frozen = false;
    }

    /** Whether it stands still (SIGSTOP) and has not been let go on. */
    boolean frozen() {
        return frozen;
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** A graceful stop (SIGTERM), as systemd, docker stop and Kubernetes do it; waits until the process ended. */
    void stop() throws InterruptedException {
        leaving = true;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Asks for a graceful stop and returns at once. */
    void requestStop() {
        leaving = true;
        process.destroy();
    }

    /** Runs, and nobody asked it to stop. */
    boolean running() {
        return process.isAlive() && !leaving;
    }

    /** Stops it, if it still runs, and waits until it ended; a frozen one is killed (it could not stop). */
    @Override
    public void close() throws InterruptedException {
        if (frozen) {
            kill();
        } else if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
