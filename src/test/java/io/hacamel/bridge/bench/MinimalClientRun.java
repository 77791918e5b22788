package io.hacamel.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;

/**
 * The yardstick at the bridge's own rates: {@link MinimalClient} in a JVM of its own, with the bridge's JVM
 * options, against a simulator of 10,000 entities, the broker and the probe, as the bridge's CPU steps run. It is
 * warmed up as the bridge is, and each rate is measured once the client's JIT is quiet, as the bridge's are.
 */
final class MinimalClientRun {

    /**
     * One rate: the client's CPU per 1,000 events (and its JIT's part of it) and the probe's latencies; {@code dropped}
     * when the simulator closed the client as a slow consumer (Home Assistant's limits), it exited, or nothing it
     * published arrived.
     */
    record Step(double rate, double achievedRate, double cpuMillisPer1000, double jitCpuMillisPer1000,
            Map<String, Double> latencyMillis, double maxRssMegabytes, boolean dropped) {

        Map<String, Object> toMap() {
            return Map.of("target_rate", rate, "achieved_rate", achievedRate, "client_cpu_ms_per_1000_events",
                    cpuMillisPer1000, "client_jit_cpu_ms_per_1000_events", jitCpuMillisPer1000, "latency_ms",
                    latencyMillis, "client_max_rss_mb", maxRssMegabytes, "dropped", dropped);
        }
    }

    private MinimalClientRun() {
    }

    static List<Step> measure(BenchSettings settings, int entities, List<Double> rates) throws Exception {
        Path log = settings.workDirectory().resolve("minimal-client.log");
        Rig.collectHarnessGarbage();
        try (HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(Rig.TOKEN)
                        .home(SimulatedHome.generated(entities, 42)));
                HarnessBroker broker = HarnessBroker.start(settings.workDirectory(), settings.preferMosquitto());
                StateProbe probe = new StateProbe(broker.url(), Rig.BASE_TOPIC, simulator.home())) {
            simulator.load().observe(probe);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(settings.bridgeJvmOptions());
            // the client is a test class: the harness's classpath (under Surefire, the test run's)
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            command.addAll(List.of("-cp", classpath, MinimalClient.class.getName(),
                    simulator.websocketUrl(), Rig.TOKEN, broker.url(), Rig.BASE_TOPIC));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!Waits.until(Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> Files.readString(log).contains("subscribed"))) {
                    throw new IllegalStateException("The minimal client did not subscribe; see " + log);
                }
                // as the bridge is warmed up after its start (Rig.start), then again at each rate
                simulator.load().start(2_000);
                Rig.awaitCompiled(client.pid(), settings.jitWarmup());
                simulator.load().stop();
                List<Step> steps = new ArrayList<>();
                for (double rate : rates) {
                    Step step = at(settings, simulator, probe, client, rate);
                    steps.add(step);
                    if (step.dropped()) {
                        break;
                    }
                }
                return steps;
            } finally {
                client.destroy();
                if (!client.waitFor(10, TimeUnit.SECONDS)) {
                    client.destroyForcibly();
                }
            }
        }
    }

    private static Step at(BenchSettings settings, HaSimulator simulator, StateProbe probe, Process client,
            double rate) throws Exception {
        long pid = client.pid();
        long closuresBefore = simulator.stats().slowConsumerClosures();
        simulator.load().start(rate);
        Rig.awaitCompiled(pid, settings.jitWarmup());
        probe.openWindow();
        long sentBefore = simulator.load().eventsSent();
        double cpuBefore = BridgeProcess.cpuSeconds(pid);
        double jitBefore = BridgeProcess.compilerCpuSeconds(pid);
        long started = System.nanoTime();
        double rss = BridgeProcess.maxRssOver(pid, settings.measure());
        probe.closeWindow();
        double seconds = (System.nanoTime() - started) / 1e9;
        double thousands = Math.max(1, simulator.load().eventsSent() - sentBefore) / 1000.0;
        double cpu = BridgeProcess.cpuSeconds(pid) - cpuBefore;
        double jit = BridgeProcess.compilerCpuSeconds(pid) - jitBefore;
        simulator.load().stop();
        boolean dropped = simulator.stats().slowConsumerClosures() > closuresBefore || !client.isAlive()
                || probe.latencies().size() == 0;
        // it publishes changes only (no initial states): wait for the changes made, not for every entity
        Waits.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> probe.onTheirWay() == 0);
        Step step = new Step(rate, thousands * 1000 / seconds, cpu * 1000 / thousands, jit * 1000 / thousands,
                probe.latencies().percentilesMillis(), rss, dropped);
        Benchmark.log("minimal client: %,.0f/s asked, %,.0f/s made, latency %s, CPU %.1f ms/1000 (JIT %.1f), RSS %.0f MB%s",
                rate, step.achievedRate(), step.latencyMillis(), step.cpuMillisPer1000(), step.jitCpuMillisPer1000(),
                rss, dropped ? ": DROPPED by the simulator as a slow consumer (not counted)" : "");
        return step;
    }
}
