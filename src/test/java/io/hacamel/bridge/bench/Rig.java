package io.hacamel.bridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;

/**
 * What one measurement runs on: the simulator with a generated home, a broker, the probe, and the packaged bridge
 * connected to both. The simulator, broker (when embedded) and probe live in the harness's JVM, the bridge alone in
 * its own process, so that only the bridge is measured.
 */
final class Rig implements AutoCloseable {

    private static final Duration COMPILER_WINDOW = Duration.ofSeconds(3);
    private static final double QUIET_COMPILER_SHARE = 0.02;

    static final String TOKEN = "benchmark-token";
    static final String BASE_TOPIC = "homeassistant/statestream";

    final HaSimulator simulator;
    final HarnessBroker broker;
    final StateProbe probe;
    final BridgeProcess bridge;
    /** Seconds from the bridge's process start to its first 200 from /health/ready. */
    final double readySeconds;
    /** Seconds from ready until the broker held every entity's state. */
    final double initialPublishSeconds;

    private Rig(HaSimulator simulator, HarnessBroker broker, StateProbe probe, BridgeProcess bridge,
            double readySeconds, double initialPublishSeconds) {
        this.simulator = simulator;
        this.broker = broker;
        this.probe = probe;
        this.bridge = bridge;
        this.readySeconds = readySeconds;
        this.initialPublishSeconds = initialPublishSeconds;
    }

    /**
     * Until the JIT's compiler threads in the JVM {@code pid} (the bridge's) used less than 2% of a core over 3 s (the
     * hot path is compiled), or {@code limit} passed.
     */
    static void awaitCompiled(long pid, Duration limit) {
        long started = System.nanoTime();
        AtomicReference<Double> previous = new AtomicReference<>();
        boolean compiled = Waits.until(limit, COMPILER_WINDOW, () -> {
            double now = BridgeProcess.compilerCpuSeconds(pid);
            Double before = previous.getAndSet(now);
            return before != null && now - before < QUIET_COMPILER_SHARE * COMPILER_WINDOW.toMillis() / 1000.0;
        });
        Benchmark.log("JIT warm-up: %s after %.0f s", compiled ? "compiler threads quiet"
                : "still compiling at the limit", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Collects the harness's own garbage before a rig starts. The simulator's ceiling floods this JVM: G1 then grew
     * its young generation to about 1 GB and promoted 1.5 GB of garbage, and the probe's young collections took 90 ms
     * each for the rest of the run. Every such pause is counted as the bridge's latency: at 1,000 events/s p99 was 23
     * and 47 ms right after the ceiling, 5.3 ms with a full collection in between (docs/lab/benchmarks-history.md,
     * the eleventh round).
     */
    static void collectHarnessGarbage() {
        System.gc();
    }

    static Rig start(BenchSettings settings, String name, int entities) throws Exception {
        collectHarnessGarbage();
        HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN)
                .home(SimulatedHome.generated(entities, 42)));
        HarnessBroker broker = null;
        StateProbe probe = null;
        try {
            broker = HarnessBroker.start(settings.workDirectory(), settings.preferMosquitto());
            probe = new StateProbe(broker.url(), BASE_TOPIC, simulator.home());
            simulator.load().observe(probe);
            BridgeProcess bridge = BridgeProcess.start(settings.launch(), settings.workDirectory(), name,
                    simulator.httpUrl(), TOKEN, broker.url(), settings.bridgeJvmOptions(), settings.bridgeEnvironment());
            try {
                double ready = bridge.awaitReady(Duration.ofSeconds(90));
                long readyAt = System.nanoTime();
                awaitStates(probe, simulator, Duration.ofSeconds(120));
                double published = (System.nanoTime() - readyAt) / 1e9;
                // the JIT compiles the hot path in the first seconds of load: measure the bridge as it runs for days
                simulator.load().start(2_000);
                awaitCompiled(bridge.pid(), settings.jitWarmup());
                simulator.load().stop();
                awaitStates(probe, simulator, Duration.ofSeconds(120));
                return new Rig(simulator, broker, probe, bridge, ready, published);
            } catch (Exception e) {
                bridge.close();
                throw e;
            }
        } catch (Exception e) {
            Rig.closeHarness(simulator, broker, probe);
            throw e;
        }
    }

    /** What a start that failed had already started of the harness's parts (the broker and probe may be null). */
    static void closeHarness(HaSimulator simulator, HarnessBroker broker, StateProbe probe) throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (broker != null) {
            broker.close();
        }
        simulator.close();
    }

    List<String> entityIds() {
        return simulator.home().entityIds();
    }

    /** Waits until the broker delivered every entity's current state; returns how many still differ at the end. */
    static int awaitStates(StateProbe probe, HaSimulator simulator, Duration timeout) throws InterruptedException {
        List<String> ids = simulator.home().entityIds();
        Waits.until(timeout, Duration.ofMillis(50), () -> probe.differing(simulator.home(), ids) == 0);
        return probe.differing(simulator.home(), ids);
    }

    Path log() {
        return bridge.log();
    }

    @Override
    public void close() throws Exception {
        simulator.load().stop();
        bridge.close();
        probe.close();
        broker.close();
        simulator.close();
    }
}
