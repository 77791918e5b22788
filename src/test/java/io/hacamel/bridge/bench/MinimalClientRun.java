package io.hacamel.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;

/**
 * The yardstick at the bridge's own rates: {@link MinimalClient} in a JVM of its own, with the bridge's JVM
 * options, against a simulator, the broker and the probe, as the bridge's steps run. It is warmed up as the bridge
 * is, and each rate is measured once the client's JIT is quiet, as the bridge's are.
 */
final class MinimalClientRun implements AutoCloseable {

    /**
     * One rate: the client's CPU per 1,000 events (and its JIT's part of it), the probe's latencies and the state
     * messages it received per second, the simulator's peak of messages pending for the client; {@code dropped} when
     * the simulator closed the client as a slow consumer (Home Assistant's limits), it exited, or nothing it published
     * arrived.
     */
    record Step(double rate, double achievedRate, double deliveredRate, double cpuMillisPer1000,
            double jitCpuMillisPer1000, Map<String, Double> latencyMillis, double maxRssMegabytes, int maxPending,
            boolean dropped) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("target_rate", rate);
            map.put("achieved_rate", achievedRate);
            map.put("delivered_per_s", deliveredRate);
            map.put("client_cpu_ms_per_1000_events", cpuMillisPer1000);
            map.put("client_jit_cpu_ms_per_1000_events", jitCpuMillisPer1000);
            map.put("latency_ms", latencyMillis);
            map.put("client_max_rss_mb", maxRssMegabytes);
            map.put("simulator_max_pending", maxPending);
            map.put("dropped", dropped);
            return map;
        }
    }

    private final BenchSettings settings;
    private final HaSimulator simulator;
    private final HarnessBroker broker;
    private final StateProbe probe;
    private final Process client;

    private MinimalClientRun(BenchSettings settings, HaSimulator simulator, HarnessBroker broker, StateProbe probe,
            Process client) {
        this.settings = settings;
        this.simulator = simulator;
        this.broker = broker;
        this.probe = probe;
        this.client = client;
    }

    /** The client at each rate, until the simulator drops it. */
    static List<Step> measure(BenchSettings settings, int entities, List<Double> rates) throws Exception {
        try (MinimalClientRun run = start(settings, entities)) {
            List<Step> steps = new ArrayList<>();
            for (double rate : rates) {
                Step step = run.at(rate, () -> run.simulator.load().start(rate),
                        () -> Rig.awaitCompiled(run.client.pid(), settings.jitWarmup()), settings.measure());
                steps.add(step);
                if (step.dropped()) {
                    break;
                }
            }
            return steps;
        }
    }

    /** The client, warmed up, against a simulator of {@code entities}; closing it stops everything. */
    static MinimalClientRun start(BenchSettings settings, int entities) throws Exception {
        Path log = settings.workDirectory().resolve("minimal-client.log");
        Rig.collectHarnessGarbage();
        HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(Rig.TOKEN)
                .home(SimulatedHome.generated(entities, 42)));
        HarnessBroker broker = null;
        StateProbe probe = null;
        try {
            broker = HarnessBroker.start(settings.workDirectory(), settings.preferMosquitto());
            probe = new StateProbe(broker.url(), Rig.BASE_TOPIC, simulator.home());
            simulator.load().observe(probe);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(settings.bridgeJvmOptions());
            // the client is a test class: the harness's classpath (under Surefire, the test run's)
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            command.addAll(List.of("-cp", classpath, MinimalClient.class.getName(),
                    simulator.websocketUrl(), Rig.TOKEN, broker.url(), Rig.BASE_TOPIC));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MinimalClientRun run = new MinimalClientRun(settings, simulator, broker, probe, client);
            try {
                if (!Waits.until(Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> Files.readString(log).contains("subscribed"))) {
                    throw new IllegalStateException("The minimal client did not subscribe; see " + log);
                }
                // as the bridge is warmed up after its start (Rig.start), then again at each rate
                simulator.load().start(2_000);
                Rig.awaitCompiled(client.pid(), settings.jitWarmup());
                simulator.load().stop();
                return run;
            } catch (Exception e) {
                client.destroyForcibly();
                throw e;
            }
        } catch (Exception e) {
            Rig.closeHarness(simulator, broker, probe);
            throw e;
        }
    }

    long pid() {
        return client.pid();
    }

    HaSimulator simulator() {
        return simulator;
    }

    interface WarmUp {
        void await() throws Exception;
    }

    Step at(double rate, Runnable load, WarmUp warmUp, Duration measure) throws Exception {
        long pid = client.pid();
        long closuresBefore = simulator.stats().slowConsumerClosures();
        simulator.stats().resetMaxPendingOutbound();
        load.run();
        warmUp.await();
        probe.openWindow();
        long sentBefore = simulator.load().eventsSent();
        long receivedBefore = probe.received();
        double cpuBefore = BridgeProcess.cpuSeconds(pid);
        double jitBefore = BridgeProcess.compilerCpuSeconds(pid);
        long started = System.nanoTime();
        double rss = BridgeProcess.maxRssOver(pid, measure);
        probe.closeWindow();
        double seconds = (System.nanoTime() - started) / 1e9;
        double thousands = Math.max(1, simulator.load().eventsSent() - sentBefore) / 1000.0;
        double delivered = (probe.received() - receivedBefore) / seconds;
        double cpu = BridgeProcess.cpuSeconds(pid) - cpuBefore;
        double jit = BridgeProcess.compilerCpuSeconds(pid) - jitBefore;
        simulator.load().stop();
        // it publishes changes only (no initial states): wait for the changes made, not for every entity, before
        // telling whether any arrived (a client that fell behind delivers them late)
        Waits.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> probe.onTheirWay() == 0);
        String droppedBecause = simulator.stats().slowConsumerClosures() > closuresBefore
                ? "DROPPED by the simulator as a slow consumer" : !client.isAlive() ? "the client EXITED (see "
                + settings.workDirectory().resolve("minimal-client.log") + ")"
                : probe.latencies().size() == 0 ? "NOTHING it published arrived" : null;
        boolean dropped = droppedBecause != null;
        Step step = new Step(rate, thousands * 1000 / seconds, delivered, cpu * 1000 / thousands,
                jit * 1000 / thousands, probe.latencies().percentilesMillis(), rss,
                simulator.stats().maxPendingOutbound(), dropped);
        Benchmark.log("minimal client: %,.0f/s asked, %,.0f/s made, %,.0f/s delivered, latency %s, CPU %.1f ms/1000 "
                + "(JIT %.1f), RSS %.0f MB, pending max %d%s", rate, step.achievedRate(), delivered,
                step.latencyMillis(), step.cpuMillisPer1000(), step.jitCpuMillisPer1000(), rss, step.maxPending(),
                dropped ? ": " + droppedBecause + " (not counted)" : "");
        return step;
    }

    @Override
    public void close() throws Exception {
        simulator.load().stop();
        client.destroy();
        if (!client.waitFor(10, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
        probe.close();
        broker.close();
        simulator.close();
    }
}
