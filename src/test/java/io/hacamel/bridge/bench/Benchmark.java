package io.hacamel.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.simulator.SlowConsumerLimits;

/**
 * The benchmark ({@code bench/run}): the packaged bridge against the simulator in load mode, with a broker and an
 * MQTT probe outside the bridge's process. Writes docs/benchmarks.md (between its generated markers) and
 * docs/benchmarks.json. Options: {@code --runs N}, {@code --quick} (seconds instead of minutes, for the smoke test),
 * {@code --only ceiling,latency,sustained,flood,startup,cpu,minimal,reads,commands,resync,embedded,home}, {@code --artemis} (the broker embedded
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
        if (profile > 0) {
            // without it the recording puts each sample on the nearest safepoint, not on the inlined method that ran
            jvm = new ArrayList<>(jvm);
            jvm.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
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
            if (settings.wants("latency") || settings.wants("sustained") || settings.wants("flood")) {
                try (Rig rig = Rig.start(settings, "bridge-5k-run" + run, HOME_5K)) {
                    if (settings.wants("latency")) {
                        latencies(rig, run);
                    }
                    if (settings.wants("sustained")) {
                        highRate = sustained(rig, run);
                    }
                    if (settings.wants("flood")) {
                        FloodStep.bridge(rig, run, results, settings);
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
                    results.figure("idle.heap", "live heap (used after a full collection) with 10,000 cached entities",
                            "MB").add(BridgeProcess.liveHeapMegabytes(rig.bridge.pid()));
                    if (settings.wants("cpu")) {
                        bridgeCpu = cpuAndMemory(rig, run, highRate);
                    }
                    ApiSteps api = new ApiSteps(settings, results);
                    if (settings.wants("reads")) {
                        api.reads(rig, run);
                    }
                    if (settings.wants("commands")) {
                        api.commands(rig, run);
                    }
                    if (settings.wants("resync")) {
                        ResyncStep.measure(rig, run, false, results);
                        ResyncStep.measure(rig, run, true, results);
                    }
                }
            }
            if (settings.wants("minimal")) {
                minimalClient(run, highRate, bridgeCpu);
            }
            if (settings.wants("sustained") && settings.wants("minimal")) {
                MinimalSustainedStep.measure(settings, run, results);
            }
            if (settings.wants("flood")) {
                FloodStep.minimalClient(run, results, settings);
            }
            if (settings.wants("home")) {
                HomeScaleStep.measure(settings, run, results);
            }
            if (settings.wants("embedded")) {
                EmbeddedBrokerStep.measure(settings, run, results);
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
            results.figure("pending." + (long) rate, "peak messages pending at the simulator for the bridge at " + at
                    + " events/s", "messages").add(step.maxPending);
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
            results.figure("sustained.pending", "peak messages pending at the simulator for the bridge at the "
                    + "sustained rate", "messages").add(best.maxPending);
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
            results.figure("pending10k." + at, "peak messages pending at the simulator for the bridge at " + label
                    + ", 10,000 entities", "messages").add(step.maxPending);
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
            results.figure("minimal.pending." + at, "peak messages pending at the simulator for the minimal client "
                    + "at " + label, "messages").add(step.maxPending());
            Double bridge = bridgeCpu.get(step.rate());
            if (bridge != null) {
                results.figure("minimal.ratio." + at, "bridge CPU per 1,000 events ÷ the minimal client's, at "
                        + label + ", 10,000 entities", "×").add(bridge / step.cpuMillisPer1000());
            }
        }
    }

    private void record(String scenario, int run, RateRun step) {
        results.step(scenario, run, step.toMap());
        results.loadAverages.add(step.loadAverage);
        log("%s: %,.0f/s asked, %,.0f/s made, %,.0f/s delivered, latency %s, lost %d, coalesced %.0f, pending max %d, CPU %.1f ms/1000 "
                + "(JIT %.1f), RSS %.0f MB, load %.2f: %s", scenario, step.targetRate, step.achievedRate,
                step.deliveredRate, step.latencyMillis, step.lost, step.coalesced, step.maxPending, step.cpuMillisPer1000,
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
