package io.hacamel.bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.simulator.SlowConsumerLimits;

/**
 * The benchmark ({@code bench/run}): the packaged bridge against the simulator in load mode, with a broker and an
 * MQTT probe outside the bridge's process. Writes docs/benchmarks.md (between its generated markers) and
 * docs/benchmarks.json. Options: {@code --runs N}, {@code --quick} (seconds instead of minutes, for the smoke test),
 * {@code --only ceiling,latency,sustained,startup,cpu,minimal,reads,commands,resync}, {@code --artemis} (the broker embedded
 * in the harness instead of Mosquitto), {@code --jvm "..."} (the bridge's JVM options; by default
 * those of bin/jvm.options), {@code --env NAME=VALUE} (for the bridge's process), {@code --out DIR},
 * {@code --jar JAR} (another build of the bridge), {@code --profile RATE} (a flight recording of the hot path,
 * printed).
 */
public final class Benchmark {

    /** The launcher of README's first command; it runs the jar with the JVM options of bin/jvm.options. */
    static final String LAUNCHER = "bin/ha-camel-bridge";
    static final int HOME_5K = 5_000;
    static final int HOME_10K = 10_000;
    /** The rate CPU and memory are measured at when the sustained search did not run. */
    private static final double DEFAULT_HIGH_RATE = 10_000;

    private final BenchSettings settings;
    private final Results results = new Results();

    private Benchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = parse(args);
        if (settings.profileRate() > 0) {
            Files.createDirectories(settings.workDirectory());
            new Benchmark(settings).profile();
        } else {
            measure(settings);
            System.out.println("Wrote " + settings.markdown() + " and " + settings.json());
        }
        System.exit(0);
    }

    /** Runs what the settings ask for and writes the report. */
    static Results measure(BenchSettings settings) throws Exception {
        Files.createDirectories(settings.workDirectory());
        Benchmark benchmark = new Benchmark(settings);
        benchmark.run();
        BenchmarkReport.write(benchmark.results, settings);
        return benchmark.results;
    }

    static BenchSettings parse(String[] args) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int runs = 2;
        boolean quick = false;
        boolean mosquitto = true;
        List<String> jvm = jvmOptions(root.resolve("bin/jvm.options"));
        String only = null;
        double profile = 0;
        Path out = root.resolve("docs");
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> launch = List.of(root.resolve(LAUNCHER).toString());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--artemis" -> mosquitto = false;
                case "--jvm" -> jvm = Arrays.stream(args[++i].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--profile" -> profile = Double.parseDouble(args[++i]);
                case "--env" -> {
                    String[] pair = args[++i].split("=", 2);
                    environment.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
                case "--jar" -> environment.put("BRIDGE_JAR", Path.of(args[++i]).toAbsolutePath().toString());
                case "--classpath" -> launch = List.of("-cp", args[++i], "io.hacamel.bridge.BridgeApplication");
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --runs N, --quick, "
                        + "--only PARTS, --artemis, --jvm OPTIONS, --out DIR, --profile RATE, --jar JAR, --env NAME=VALUE, --classpath CP");
            }
        }
        List<Double> latencyRates = quick ? List.of(200.0, 2_000.0) : List.of(100.0, 1_000.0, 5_000.0);
        List<Double> sustainedRates = quick ? List.of(2_000.0, 8_000.0)
                : List.of(2_500.0, 5_000.0, 7_500.0, 10_000.0, 12_500.0, 15_000.0, 17_500.0, 20_000.0, 25_000.0,
                        30_000.0, 40_000.0);
        return new BenchSettings(launch, root.resolve("target/benchmarks"),
                out.resolve("benchmarks.md"), out.resolve("benchmarks.json"), runs, quick, mosquitto, jvm, latencyRates,
                sustainedRates, only, profile, Map.copyOf(environment));
    }

    /** The options of bin/jvm.options, as bin/ha-camel-bridge reads them: one per line, {@code #} comments. */
    public static List<String> jvmOptions(Path file) {
        try {
            return Files.readAllLines(file).stream().map(line -> line.replaceAll("#.*", "").trim())
                    .filter(line -> !line.isEmpty()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * bin/ha-camel-bridge records the class-data-sharing archive of a new build when the bridge first stops: one start
     * and stop here, so that every start measured is one of the starts a user sees every day, with the archive.
     */
    private void recordClassDataArchive() throws Exception {
        boolean archived = !"false".equals(settings.bridgeEnvironment().get("BRIDGE_CDS"));
        if (!settings.launch().get(0).endsWith(LAUNCHER) || !archived) {
            return;
        }
        Path jar = Path.of(settings.bridgeEnvironment().getOrDefault("BRIDGE_JAR", "target/ha-camel-bridge.jar"));
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceAll("\\.jar$", ".jsa"));
        if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            return;
        }
        log("recording the class-data-sharing archive %s (the first start of a new build)", archive);
        try (Rig rig = Rig.start(settings, "class-data-archive", HOME_5K)) {
            log("first start of this build: ready after %.2f s", rig.readySeconds);
        }
    }

    private void run() throws Exception {
        Machine.describe(results.machine, settings);
        recordClassDataArchive();
        for (int run = 1; run <= settings.runs(); run++) {
            log("run %d of %d", run, settings.runs());
            if (settings.wants("ceiling")) {
                simulatorCeiling(run);
            }
            double highRate = DEFAULT_HIGH_RATE;
            if (settings.wants("latency") || settings.wants("sustained")) {
                try (Rig rig = Rig.start(settings, "bridge-5k-run" + run, HOME_5K)) {
                    if (settings.wants("latency")) {
                        latencies(rig, run);
                    }
                    if (settings.wants("sustained")) {
                        highRate = sustained(rig, run);
                    }
                }
            }
            Map<Double, Double> bridgeCpu = new LinkedHashMap<>();
            if (settings.wants("startup") || settings.wants("cpu") || settings.wants("reads")
                    || settings.wants("commands") || settings.wants("resync")) {
                try (Rig rig = Rig.start(settings, "bridge-10k-run" + run, HOME_10K)) {
                    results.figure("startup.ready", "start → ready (JVM start to /health/ready 200), 10,000 entities",
                            "s").add(rig.readySeconds);
                    results.figure("startup.published", "ready → every state on the broker, 10,000 entities", "s")
                            .add(rig.initialPublishSeconds);
                    results.figure("idle.rss", "RSS idle with 10,000 cached entities", "MB")
                            .add(rig.bridge.rssMegabytes());
                    if (settings.wants("cpu")) {
                        bridgeCpu = cpuAndMemory(rig, run, highRate);
                    }
                    if (settings.wants("reads")) {
                        reads(rig, run);
                    }
                    if (settings.wants("commands")) {
                        commands(rig, run);
                    }
                    if (settings.wants("resync")) {
                        resync(rig, run, false);
                        resync(rig, run, true);
                    }
                }
            }
            if (settings.wants("minimal")) {
                minimalClient(run, highRate, bridgeCpu);
            }
        }
    }

    /** A flight recording of the bridge's hot path: 20 s at the given rate, after 10 s of warming up. */
    private void profile() throws Exception {
        try (Rig rig = Rig.start(settings, "bridge-profile", HOME_5K)) {
            rig.simulator.load().start(settings.profileRate());
            Thread.sleep(10_000);
            Path recording = settings.workDirectory().resolve("bridge-hot-path.jfr").toAbsolutePath();
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(rig.bridge.pid()), "JFR.start", "settings=profile", "duration=20s",
                    "filename=" + recording).inheritIO().start();
            jcmd.waitFor();
            RateRun step = RateRun.at(rig, settings.profileRate(), Duration.ZERO, Duration.ofSeconds(22));
            record("profile", 1, step);
            log("recording: %s", recording);
            HotPath.print(recording, System.out::println);
        }
    }

    // ---- the simulator's own ceiling ------------------------------------------------------------------------

    private void simulatorCeiling(int run) throws Exception {
        // a client that only reads must not be dropped while the generator runs flat out
        SimulatorOptions options = new SimulatorOptions().token(Rig.TOKEN).home(SimulatedHome.generated(HOME_5K, 42))
                .slowConsumerLimits(new SlowConsumerLimits(10_000_000, Duration.ofMinutes(10), 20_000_000));
        try (HaSimulator simulator = HaSimulator.start(options);
                RawHaClient client = RawHaClient.connect(simulator.websocketUrl(), Rig.TOKEN, true)) {
            simulator.load().start(200_000);
            Thread.sleep(settings.warmup().toMillis());
            long generated = simulator.load().eventsSent();
            long delivered = simulator.stats().eventsSent();
            long started = System.nanoTime();
            Thread.sleep(settings.measure().toMillis());
            double seconds = (System.nanoTime() - started) / 1e9;
            double generatedRate = (simulator.load().eventsSent() - generated) / seconds;
            double deliveredRate = (simulator.stats().eventsSent() - delivered) / seconds;
            simulator.load().stop();
            results.figure("simulator.generated", "simulator ceiling: events generated (asked for 200,000/s)",
                    "events/s").add(generatedRate);
            results.figure("simulator.delivered", "simulator ceiling: events delivered to one bare client",
                    "events/s").add(deliveredRate);
            results.step("simulator ceiling", run, Map.of("generated_per_s", generatedRate, "delivered_per_s",
                    deliveredRate, "frames", client.frames(), "load_average_1m", RateRun.loadAverage()));
            log("simulator: %.0f events/s generated, %.0f delivered", generatedRate, deliveredRate);
        }
    }

    // ---- latency and the sustained rate, 5,000 entities ------------------------------------------------------

    private void latencies(Rig rig, int run) throws Exception {
        for (double rate : settings.latencyRates()) {
            RateRun step = RateRun.at(rig, rate, settings.warmup(), settings.measure());
            record("latency", run, step);
            String at = String.format("%,.0f", rate);
            for (String percentile : List.of("p50", "p95", "p99", "max")) {
                results.figure("latency." + (long) rate + "." + percentile,
                        "event → MQTT " + percentile + " at " + at + " events/s", "ms")
                        .add(step.latencyMillis.getOrDefault(percentile, Double.NaN));
            }
            results.figure("cpu." + (long) rate, "bridge CPU per 1,000 events at " + at + " events/s (5,000 entities)",
                    "ms").add(step.cpuMillisPer1000);
        }
    }

    /** The highest rate of the ladder the bridge sustains; one step between the last good and first bad rate. */
    private double sustained(Rig rig, int run) throws Exception {
        RateRun best = null;
        double failedAt = Double.NaN;
        for (double rate : settings.sustainedRates()) {
            RateRun step = RateRun.at(rig, rate, settings.warmup(), settings.stepMeasure());
            record("sustained", run, step);
            if (!step.sustained()) {
                failedAt = rate;
                break;
            }
            best = step;
        }
        if (best != null && !Double.isNaN(failedAt)) {
            double middle = Math.round((best.targetRate + failedAt) / 2 / 500) * 500.0;
            if (middle > best.targetRate && middle < failedAt) {
                RateRun step = RateRun.at(rig, middle, settings.warmup(), settings.stepMeasure());
                record("sustained", run, step);
                if (step.sustained()) {
                    best = step;
                }
            }
        }
        double rate = best == null ? 0 : best.achievedRate;
        results.figure("sustained.rate", "sustained event → MQTT rate at 0 loss, p99 < 1 s, 5,000 entities",
                "events/s").add(rate);
        if (best != null) {
            results.figure("sustained.p99", "p99 at the sustained rate", "ms").add(best.p99());
            results.figure("sustained.cpu", "bridge CPU per 1,000 events at the sustained rate", "ms")
                    .add(best.cpuMillisPer1000);
        }
        log("sustained: %.0f events/s", rate);
        return best == null ? DEFAULT_HIGH_RATE : best.targetRate;
    }

    // ---- 10,000 entities: CPU and memory, reads, commands, resync --------------------------------------------

    /** Returns the bridge's CPU per 1,000 events by rate, for the minimal client's step to compare with. */
    private Map<Double, Double> cpuAndMemory(Rig rig, int run, double highRate) throws Exception {
        Map<Double, Double> cpu = new LinkedHashMap<>();
        for (double rate : List.of(1_000.0, highRate)) {
            RateRun step = RateRun.compiledAt(rig, rate, settings.jitWarmup(), settings.measure());
            cpu.put(rate, step.cpuMillisPer1000);
            record("cpu and memory (10,000 entities)", run, step);
            String at = rate == highRate ? "high" : String.valueOf((long) rate);
            String label = rate == highRate ? "the highest sustained rate" : String.format("%,.0f events/s", rate);
            results.figure("cpu10k." + at, "bridge CPU per 1,000 events at " + label + ", 10,000 entities", "ms")
                    .add(step.cpuMillisPer1000);
            results.figure("rss10k." + at, "bridge RSS at " + label + ", 10,000 entities (max during the run)", "MB")
                    .add(step.maxRssMegabytes);
            if (rate == highRate) {
                results.figure("rss10k.rate", "the rate RSS and CPU were measured at", "events/s")
                        .add(step.achievedRate);
            }
        }
        return cpu;
    }

    /**
     * The yardstick at the same rates as the bridge's CPU steps, 10,000 entities: its CPU per 1,000 events,
     * and the bridge's divided by it (the target: at most 2) where both ran in this run.
     */
    private void minimalClient(int run, double highRate, Map<Double, Double> bridgeCpu) throws Exception {
        for (MinimalClientRun.Step step : MinimalClientRun.measure(settings, HOME_10K, List.of(1_000.0, highRate))) {
            Map<String, Object> row = new LinkedHashMap<>(step.toMap());
            row.put("load_average_1m", RateRun.loadAverage());
            results.step("minimal client", run, row);
            if (step.dropped()) {
                results.notes.add(String.format("Run %d: the minimal client was dropped as a slow consumer at %,.0f "
                        + "events/s; that rate is not counted.", run, step.rate()));
                continue;
            }
            boolean high = step.rate() == highRate;
            String at = high ? "high" : String.valueOf((long) step.rate());
            String label = high ? "the bridge's highest sustained rate" : String.format("%,.0f events/s", step.rate());
            results.figure("minimal.cpu." + at, "minimal client CPU per 1,000 events at " + label
                    + ", 10,000 entities", "ms").add(step.cpuMillisPer1000());
            results.figure("minimal.p99." + at, "minimal client event → MQTT p99 at " + label, "ms")
                    .add(step.latencyMillis().getOrDefault("p99", Double.NaN));
            Double bridge = bridgeCpu.get(step.rate());
            if (bridge != null) {
                results.figure("minimal.ratio." + at, "bridge CPU per 1,000 events ÷ the minimal client's, at "
                        + label + ", 10,000 entities", "×").add(bridge / step.cpuMillisPer1000());
            }
        }
    }

    private void reads(Rig rig, int run) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = rig.entityIds();
        warmUpReads(rig, http, ids);
        Samples idle = readStates(rig, http, ids, settings.reads());
        Map<String, Double> idleMillis = idle.percentilesMillis();
        rig.simulator.load().start(1_000);
        Samples loaded = readStates(rig, http, ids, settings.reads());
        rig.simulator.load().stop();
        Rig.awaitStates(rig.probe, rig.simulator, Duration.ofSeconds(30));
        Map<String, Double> loadedMillis = loaded.percentilesMillis();
        for (String percentile : List.of("p50", "p99")) {
            results.figure("reads.idle." + percentile, "GET /api/v1/states/{id} " + percentile
                    + ", 10,000 entities, no events", "ms").add(idleMillis.get(percentile));
            results.figure("reads.loaded." + percentile, "GET /api/v1/states/{id} " + percentile
                    + ", 10,000 entities, 1,000 events/s", "ms").add(loadedMillis.get(percentile));
        }
        results.step("state reads", run, Map.of("requests", idle.size(), "idle_ms", idleMillis,
                "under_1000_events_per_s_ms", loadedMillis, "load_average_1m", RateRun.loadAverage()));
        log("reads: idle %s, under load %s", idleMillis, loadedMillis);
    }

    /**
     * Reads as the measurement will until the bridge's JIT has compiled the read path: half as many requests as are
     * measured, then on until its compiler threads are quiet (C2 takes a method after 15,000 calls, bin/jvm.options).
     */
    private void warmUpReads(Rig rig, HttpClient http, List<String> ids) throws Exception {
        readStates(rig, http, ids, settings.reads() / 2);
        AtomicBoolean compiled = new AtomicBoolean();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            while (!compiled.get()) {
                try {
                    readStates(rig, http, ids, 500);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }
        });
        Rig.awaitCompiled(rig.bridge.pid(), settings.jitWarmup());
        compiled.set(true);
        reading.get();
    }

    private static Samples readStates(Rig rig, HttpClient http, List<String> ids, int count) throws Exception {
        Random random = new Random(7);
        Samples samples = new Samples();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(rig.bridge.url("/api/v1/states/"
                    + ids.get(random.nextInt(ids.size()))))).build();
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            samples.add(took);
        }
        return samples;
    }

    private void commands(Rig rig, int run) throws Exception {
        String light = rig.entityIds().stream().filter(id -> id.startsWith("light.")).findFirst().orElseThrow();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Samples viaBridge = new Samples();
        Samples bare = new Samples();
        int count = settings.commands();
        // half as many requests again first: the JIT compiles the read path in the first thousands of requests
        for (int i = -count / 2; i < count; i++) {
            String service = i % 2 == 0 ? "turn_on" : "turn_off";
            HttpRequest request = HttpRequest.newBuilder(URI.create(rig.bridge.url("/api/v1/services/light/" + service)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"target\":{\"entity_id\":\"" + light + "\"}}")).build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (response.statusCode() != 200 || !response.body().contains("\"via\":\"websocket\"")) {
                throw new IllegalStateException("The service call answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (i >= 0) {
                viaBridge.add(took);
            }
        }
        try (RawHaClient client = RawHaClient.connect(rig.simulator.websocketUrl(), Rig.TOKEN, false)) {
            // half as many requests again first: the JIT compiles the read path in the first thousands of requests
        for (int i = -count / 2; i < count; i++) {
                String service = i % 2 == 0 ? "turn_on" : "turn_off";
                long started = System.nanoTime();
                JsonNode result = client.command("{\"type\":\"call_service\",\"domain\":\"light\",\"service\":\""
                        + service + "\",\"target\":{\"entity_id\":\"" + light + "\"}}");
                long took = System.nanoTime() - started;
                if (!result.path("success").asBoolean()) {
                    throw new IllegalStateException("The bare call_service failed: " + result);
                }
                if (i >= 0) {
                    bare.add(took);
                }
            }
        }
        Map<String, Double> bridgeMillis = viaBridge.percentilesMillis();
        Map<String, Double> bareMillis = bare.percentilesMillis();
        for (String percentile : List.of("p50", "p99")) {
            results.figure("commands.bridge." + percentile, "service call through the API " + percentile
                    + " (HTTP → bridge → socket → simulator → answer)", "ms").add(bridgeMillis.get(percentile));
            results.figure("commands.bare." + percentile, "bare call_service round trip " + percentile
                    + " (one WebSocket client → simulator)", "ms").add(bareMillis.get(percentile));
        }
        results.step("commands", run, Map.of("calls", count, "bridge_ms", bridgeMillis, "bare_ms", bareMillis,
                "load_average_1m", RateRun.loadAverage()));
        log("commands: bridge %s, bare %s", bridgeMillis, bareMillis);
    }

    /**
     * Home Assistant restarts (with nothing changed, or every entity's attributes changed while it was away) and the
     * bridge reconnects: from the bridge's auth to ready, the bridge's own figure for the resync, and until every
     * change is on the broker.
     */
    private void resync(Rig rig, int run, boolean changeEverything) throws Exception {
        long receivedBefore = rig.probe.received();
        rig.simulator.restart(home -> {
            if (changeEverything) {
                for (String id : home.entityIds()) {
                    ObjectNode state = home.state(id);
                    ObjectNode attributes = ((ObjectNode) state.path("attributes")).deepCopy();
                    attributes.put("bench_resync", run);
                    home.setState(id, state.path("state").asText(), attributes);
                }
            }
        });
        Duration timeout = Duration.ofSeconds(60);
        Waits.until(timeout, Duration.ofMillis(1), () -> !rig.bridge.ready());
        Waits.until(timeout, Duration.ofMillis(1), () -> rig.simulator.stats().authenticatedClients() > 0);
        long authenticatedAt = System.nanoTime();
        Waits.until(timeout, Duration.ofMillis(2), rig.bridge::ready);
        double readySeconds = (System.nanoTime() - authenticatedAt) / 1e9;
        double published = Double.NaN;
        if (changeEverything) {
            int entities = rig.entityIds().size();
            Waits.until(timeout, Duration.ofMillis(2), () -> rig.probe.received() - receivedBefore >= entities);
            published = (System.nanoTime() - authenticatedAt) / 1e9;
        }
        double bridgeMillis = rig.bridge.status().findValue("last_resync_ms").asDouble();
        String kind = changeEverything ? "changed" : "unchanged";
        String label = changeEverything ? "every entity changed" : "nothing changed";
        results.figure("resync." + kind + ".ready", "resync of 10,000 entities (" + label + "): auth → ready", "s")
                .add(readySeconds);
        results.figure("resync." + kind + ".bridge", "resync of 10,000 entities (" + label
                + "): get_states sent → events handed on, as the bridge reports it", "s").add(bridgeMillis / 1000);
        if (changeEverything) {
            results.figure("resync.changed.published", "resync of 10,000 entities (every entity changed): auth → "
                    + "every change on the broker", "s").add(published);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("changed", changeEverything);
        details.put("auth_to_ready_s", readySeconds);
        details.put("bridge_resync_ms", bridgeMillis);
        details.put("auth_to_published_s", published);
        details.put("load_average_1m", RateRun.loadAverage());
        results.step("resync", run, details);
        log("resync (%s): ready after %.3f s, bridge %s ms, published after %.3f s", label, readySeconds,
                bridgeMillis, published);
    }

    private void record(String scenario, int run, RateRun step) {
        results.step(scenario, run, step.toMap());
        results.loadAverages.add(step.loadAverage);
        log("%s: %,.0f/s asked, %,.0f/s made, latency %s, lost %d, coalesced %.0f, pending max %d, CPU %.1f ms/1000 "
                + "(JIT %.1f), RSS %.0f MB, load %.2f: %s", scenario, step.targetRate, step.achievedRate,
                step.latencyMillis, step.lost, step.coalesced, step.maxPending, step.cpuMillisPer1000,
                step.jitCpuMillisPer1000, step.maxRssMegabytes, step.loadAverage, step.verdict());
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** Figures that must have a value for a smoke test to pass. */
    static List<String> required(Results results) {
        List<String> missing = new ArrayList<>();
        results.figures.forEach((id, figure) -> {
            if (figure.runs().isEmpty()) {
                missing.add(id);
            }
        });
        return missing;
    }
}
