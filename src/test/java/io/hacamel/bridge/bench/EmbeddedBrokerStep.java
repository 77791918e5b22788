package io.hacamel.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.FreePorts;

/**
 * The bridge with its own embedded broker, as README's first command runs it against a Home Assistant (no MQTT_URL),
 * with the benchmark's generated home of 10,000 entities and bin/jvm.options: the topics the embedded broker holds,
 * the heap the bridge keeps live (after a full collection) once publishing settled and after a minute at 1,000
 * events/s, when the size warnings came, and whether the JVM ran out of memory.
 */
final class EmbeddedBrokerStep {

    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");
    private static final String WARNING = "The embedded MQTT broker holds";
    private static final String FULL = "The embedded MQTT broker is full";

    private EmbeddedBrokerStep() {
    }

    static void measure(BenchSettings settings, int run, Results results) throws Exception {
        Rig.collectHarnessGarbage();
        SimulatorOptions options = new SimulatorOptions().token(Rig.TOKEN)
                .home(SimulatedHome.generated(Benchmark.HOME_10K, 42));
        Map<String, String> environment = new LinkedHashMap<>(settings.bridgeEnvironment());
        environment.put("MQTT_EMBEDDED_PORT", String.valueOf(FreePorts.next()));
        try (HaSimulator simulator = HaSimulator.start(options);
                BridgeProcess bridge = BridgeProcess.start(settings.launch(), settings.workDirectory(),
                        "bridge-embedded-run" + run, simulator.httpUrl(), Rig.TOKEN, "", settings.bridgeJvmOptions(),
                        environment)) {
            bridge.awaitReady(Duration.ofSeconds(90));
            double topics = settle(bridge);
            double settledHeap = liveHeapMegabytes(bridge.pid());
            simulator.load().start(1_000);
            double rss = BridgeProcess.maxRssOver(bridge.pid(), settings.quick() ? Duration.ofSeconds(5)
                    : Duration.ofSeconds(60));
            simulator.load().stop();
            boolean alive = bridge.alive();
            double loadedHeap = alive ? liveHeapMegabytes(bridge.pid()) : Double.NaN;
            String log = Files.readString(bridge.log());
            boolean outOfMemory = log.contains("OutOfMemoryError") || !alive;
            List<String> warnings = log.lines().filter(line -> line.contains(WARNING) || line.contains(FULL))
                    .map(line -> line.replaceAll("\\. For a home.*", "")).toList();
            results.figure("embedded.topics", "embedded broker, 10,000 entities: retained topics it holds", "topics")
                    .add(topics);
            results.figure("embedded.heap.settled", "embedded broker, 10,000 entities: live heap once published",
                    "MB").add(settledHeap);
            results.figure("embedded.heap.load", "embedded broker, 10,000 entities: live heap after 1,000 events/s",
                    "MB").add(loadedHeap);
            results.figure("embedded.rss", "embedded broker, 10,000 entities: RSS at 1,000 events/s (max)", "MB")
                    .add(rss);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("retained_topics", topics);
            step.put("live_heap_settled_mb", settledHeap);
            step.put("live_heap_after_load_mb", loadedHeap);
            step.put("max_rss_mb", rss);
            step.put("out_of_memory", outOfMemory);
            step.put("warnings", warnings);
            results.step("embedded broker (10,000 entities)", run, step);
            if (outOfMemory) {
                results.notes.add("Run " + run + ": the bridge with its embedded broker ran out of memory; see "
                        + bridge.log());
            }
            Benchmark.log("embedded broker: %.0f topics, live heap %.0f MB settled, %.0f MB after load, RSS %.0f MB, "
                    + "out of memory: %s, warnings: %s", topics, settledHeap, loadedHeap, rss, outOfMemory, warnings);
        }
    }

    /** Waits until nothing waits to be published and the retained topics stay the same for 5 s; returns them. */
    private static double settle(BridgeProcess bridge) {
        AtomicReference<Double> topics = new AtomicReference<>(-1.0);
        AtomicReference<Long> since = new AtomicReference<>(System.nanoTime());
        Waits.until(Duration.ofMinutes(3), Duration.ofMillis(500), () -> {
            if (!bridge.alive()) {
                return true;
            }
            try {
                double now = bridge.metric("habridge_mqtt_retained_topics");
                if (now != topics.getAndSet(now) || bridge.metric("habridge_mqtt_queue_depth") > 0) {
                    since.set(System.nanoTime());
                }
            } catch (IOException e) {
                since.set(System.nanoTime()); // busy collecting garbage, say
            }
            return System.nanoTime() - since.get() > TimeUnit.SECONDS.toNanos(5);
        });
        return topics.get();
    }

    /** The heap in use right after a full collection: what the bridge and its broker keep. */
    static double liveHeapMegabytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(2)) / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
