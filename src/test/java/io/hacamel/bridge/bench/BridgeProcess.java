package io.hacamel.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.FreePorts;

/**
 * The packaged bridge (bin/ha-camel-bridge, which runs target/ha-camel-bridge.jar) as a process of its own, with an
 * empty BRIDGE_HOME (so the jar's own configuration and routes) and the simulator and the harness's broker given by
 * environment variables, the way a user runs it. Its CPU time and resident memory come from /proc.
 */
final class BridgeProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Path log;
    /** The key the bridge generated on its start (no BRIDGE_API_KEY is set, as for a new user). */
    private final Path keyFile;
    private volatile String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private BridgeProcess(Process process, int port, long startedNanos, Path log, Path home) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.log = log;
        this.keyFile = home.resolve("data").resolve("api-key");
    }

    /**
     * @param launch bin/ha-camel-bridge (given the JVM options in BRIDGE_JVM_OPTIONS), or what follows the JVM options
     *               of a plain {@code java}: {@code -cp <classpath> <main class>} for the smoke test, which runs
     *               before the jar is packaged
     */
    static BridgeProcess start(List<String> launch, Path workDirectory, String name, String haUrl, String token,
            String mqttUrl, List<String> jvmOptions, Map<String, String> extraEnvironment) throws IOException {
        Path home = Files.createDirectories(workDirectory.resolve(name + "-home"));
        Path log = workDirectory.resolve(name + ".log");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        boolean launcher = launch.get(0).endsWith(Benchmark.LAUNCHER);
        if (!launcher) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
        }
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        if (launcher) {
            // the script execs java, so the process is the bridge's JVM
            environment.put("BRIDGE_JVM_OPTIONS", String.join(" ", jvmOptions));
            environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        }
        environment.put("BRIDGE_HOME", home.toString());
        environment.put("HA_URL", haUrl);
        environment.put("HA_TOKEN", token);
        environment.remove("BRIDGE_API_KEY"); // the bridge generates its key into its home, as for a new user
        environment.put("MQTT_URL", mqttUrl);
        environment.put("CAMEL_SERVER_PORT", String.valueOf(port));
        environment.put("CAMEL_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        environment.putAll(extraEnvironment);
        long startedNanos = System.nanoTime();
        return new BridgeProcess(builder.start(), port, startedNanos, log, home);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A request to the bridge's API, with the key the bridge generated into its home's data/api-key. */
    HttpRequest.Builder request(String path) throws IOException {
        if (key == null) {
            key = Files.readString(keyFile).trim();
        }
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + key);
    }

    /** Seconds from the process's start until GET /health/ready answered 200; polls every few milliseconds. */
    double awaitReady(Duration timeout) throws Exception {
        boolean ready = Waits.until(timeout, Duration.ofMillis(5), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The bridge exited with " + process.exitValue() + "; see " + log);
            }
            return ready();
        });
        if (ready) {
            return (System.nanoTime() - startedNanos) / 1e9;
        }
        throw new IllegalStateException("The bridge was not ready within " + timeout + "; see " + log);
    }

    boolean ready() {
        try {
            return get("/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode status() throws IOException, InterruptedException {
        return JSON.readTree(get("/status").body());
    }

    /** The sum of a Prometheus meter's samples whose line starts with the name (all its tags). */
    double metric(String name) throws IOException, InterruptedException {
        String text = get("/metrics").body();
        Matcher lines = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(text);
        double sum = 0;
        while (lines.find()) {
            sum += Double.parseDouble(lines.group(2));
        }
        return sum;
    }

    /** User plus system CPU seconds the process used so far. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(pid());
    }

    static double cpuSeconds(long pid) throws IOException {
        return cpuSeconds(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** User plus system CPU seconds in a proc(5) stat line, of a process or of one of its threads. */
    static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the name: state is field 3 of proc(5); utime and stime are fields 14 and 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** CPU seconds the JIT's compiler threads (C1, C2) used so far. */
    double compilerCpuSeconds() throws IOException {
        return compilerCpuSeconds(pid());
    }

    /** The same, of any JVM. */
    static double compilerCpuSeconds(long pid) throws IOException {
        double seconds = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (stat.contains("(C1 CompilerThre") || stat.contains("(C2 CompilerThre")) {
                    seconds += cpuSeconds(stat);
                }
            }
        }
        return seconds;
    }

    /** Resident memory now, in MB. */
    double rssMegabytes() throws IOException {
        return rssMegabytes(pid());
    }

    /** The highest RSS, in MB, sampled every 250 ms while {@code window} lasts: a measuring window. */
    static double maxRssOver(long pid, Duration window) {
        double[] max = {0};
        Waits.window(window, Duration.ofMillis(250), () -> max[0] = Math.max(max[0], rssMegabytes(pid)));
        return max[0];
    }

    /**
     * The heap that is live: used after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), in MB.
     * What the heap is sized from (bin/jvm.options).
     */
    static double liveHeapMegabytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return out;
    }

    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // the first stop after a build also writes the class-data-sharing archive: several seconds
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
