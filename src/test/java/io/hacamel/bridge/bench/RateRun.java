package io.hacamel.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of load at a fixed rate: warm up, then measure (events sent, end-to-end latencies, the bridge's CPU and
 * RSS, the simulator's pending high-water mark), stop the load and wait for every final state to arrive.
 */
final class RateRun {

    /** Home Assistant drops a client whose pending messages reach this (or stay above 1024 for 10 s). */
    static final int HA_PENDING_PEAK = 4096;
    private static final Duration DRAIN = Duration.ofSeconds(60);

    double targetRate;
    double achievedRate;
    long events;
    /** State messages the probe received per second while measuring: changes delivered, after any merging. */
    double deliveredRate;
    int lost;
    long settledAfterCoalescing;
    double coalesced;
    Map<String, Double> latencyMillis = Map.of();
    int maxPending;
    long slowConsumerClosures;
    double bridgeCpuSeconds;
    double cpuMillisPer1000;
    /** The part of the bridge's CPU its JIT compiler threads used: a cost of warming up, not of the events. */
    double jitCpuMillisPer1000;
    double brokerCpuMillisPer1000 = Double.NaN;
    double harnessCpuMillisPer1000;
    double maxRssMegabytes;
    double loadAverage;
    double drainSeconds;
    /** The bridge's threads (by name) that used the CPU most while measured, in percent of a core. */
    Map<String, Double> cpuByThread = Map.of();

    static RateRun at(Rig rig, double rate, Duration warmup, Duration measure) throws Exception {
        return at(rig, rate, () -> rig.simulator.load().start(rate), () -> Thread.sleep(warmup.toMillis()), measure);
    }

    /** The simulator as fast as it goes, {@code changesPerTick} every 10 ms tick (see LoadGenerator#flood). */
    static RateRun flood(Rig rig, int changesPerTick, Duration warmup, Duration measure) throws Exception {
        return at(rig, changesPerTick * 100.0, () -> rig.simulator.load().flood(changesPerTick),
                () -> Thread.sleep(warmup.toMillis()), measure);
    }

    /**
     * Measures once the JIT has compiled what this rate runs (its compiler threads went quiet, or {@code limit}
     * passed): the CPU a change costs while the bridge runs for days, not while it warms up.
     */
    static RateRun compiledAt(Rig rig, double rate, Duration limit, Duration measure) throws Exception {
        return at(rig, rate, () -> rig.simulator.load().start(rate),
                () -> Rig.awaitCompiled(rig.bridge.pid(), limit), measure);
    }

    private interface WarmUp {
        void await() throws Exception;
    }

    private static RateRun at(Rig rig, double rate, Runnable load, WarmUp warmUp, Duration measure)
            throws Exception {
        RateRun run = new RateRun();
        run.targetRate = rate;
        double coalescedBefore = coalesced(rig);
        long closuresBefore = rig.simulator.stats().slowConsumerClosures();
        rig.simulator.stats().resetMaxPendingOutbound();
        load.run();
        warmUp.await();

        Wakeups.Snapshot threads = Wakeups.start(rig.bridge.pid()); // its thread dump before the window's CPU
        rig.probe.openWindow();
        long sentBefore = rig.simulator.load().eventsSent();
        long receivedBefore = rig.probe.received();
        double cpuBefore = rig.bridge.cpuSeconds();
        double jitBefore = rig.bridge.compilerCpuSeconds();
        double brokerBefore = rig.broker.pid() > 0 ? BridgeProcess.cpuSeconds(rig.broker.pid()) : 0;
        double harnessBefore = BridgeProcess.cpuSeconds(ProcessHandle.current().pid());
        long startedAt = System.nanoTime();
        double rss = BridgeProcess.maxRssOver(rig.bridge.pid(), measure);
        run.cpuByThread = threads.end().cpuByThread();
        rig.probe.closeWindow();
        long sentAfter = rig.simulator.load().eventsSent();
        long receivedAfter = rig.probe.received();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        run.bridgeCpuSeconds = rig.bridge.cpuSeconds() - cpuBefore;
        double jitCpu = rig.bridge.compilerCpuSeconds() - jitBefore;
        double harnessCpu = BridgeProcess.cpuSeconds(ProcessHandle.current().pid()) - harnessBefore;
        double brokerCpu = rig.broker.pid() > 0 ? BridgeProcess.cpuSeconds(rig.broker.pid()) - brokerBefore : Double.NaN;
        run.loadAverage = loadAverage();
        rig.simulator.load().stop();

        long drainStarted = System.nanoTime();
        run.lost = Rig.awaitStates(rig.probe, rig.simulator, DRAIN);
        run.drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        run.maxRssMegabytes = Math.max(rss, rig.bridge.rssMegabytes());
        if (run.lost == 0) {
            run.settledAfterCoalescing = rig.probe.settle();
        }
        run.events = sentAfter - sentBefore;
        run.achievedRate = run.events / seconds;
        run.deliveredRate = (receivedAfter - receivedBefore) / seconds;
        run.latencyMillis = rig.probe.latencies().percentilesMillis();
        run.maxPending = rig.simulator.stats().maxPendingOutbound();
        run.slowConsumerClosures = rig.simulator.stats().slowConsumerClosures() - closuresBefore;
        run.coalesced = coalesced(rig) - coalescedBefore;
        double thousands = Math.max(1, run.events) / 1000.0;
        run.cpuMillisPer1000 = run.bridgeCpuSeconds * 1000 / thousands;
        run.jitCpuMillisPer1000 = jitCpu * 1000 / thousands;
        run.harnessCpuMillisPer1000 = harnessCpu * 1000 / thousands;
        run.brokerCpuMillisPer1000 = brokerCpu * 1000 / thousands;
        return run;
    }

    /**
     * The bridge kept up: every final state arrived, p99 under a second, Home Assistant's slow-consumer limits never
     * reached, and the simulator really made the rate asked for (on a saturated machine it cannot).
     */
    boolean sustained() {
        return lost == 0 && p99() < 1000 && slowConsumerClosures == 0 && maxPending < HA_PENDING_PEAK
                && achievedRate >= 0.95 * targetRate;
    }

    /** Why this step is not sustained, for the report. */
    String verdict() {
        if (sustained()) {
            return "sustained";
        }
        StringBuilder why = new StringBuilder();
        if (lost > 0) {
            why.append(lost).append(" final states missing; ");
        }
        if (p99() >= 1000) {
            why.append("p99 ≥ 1 s; ");
        }
        if (slowConsumerClosures > 0 || maxPending >= HA_PENDING_PEAK) {
            why.append("Home Assistant's slow-consumer limit hit; ");
        }
        if (achievedRate < 0.95 * targetRate) {
            why.append("the simulator made only ").append(Figure.format(achievedRate)).append("/s; ");
        }
        return why.substring(0, why.length() - 2);
    }

    double p99() {
        return latencyMillis.getOrDefault("p99", Double.NaN);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target_rate", targetRate);
        map.put("achieved_rate", achievedRate);
        map.put("events", events);
        map.put("delivered_per_s", deliveredRate);
        map.put("lost_final_states", lost);
        map.put("bridge_cpu_percent_by_thread", cpuByThread);
        map.put("coalesced", coalesced);
        map.put("settled_after_coalescing", settledAfterCoalescing);
        map.put("latency_ms", latencyMillis);
        map.put("simulator_max_pending", maxPending);
        map.put("slow_consumer_closures", slowConsumerClosures);
        map.put("bridge_cpu_ms_per_1000_events", cpuMillisPer1000);
        map.put("bridge_jit_cpu_ms_per_1000_events", jitCpuMillisPer1000);
        map.put("broker_cpu_ms_per_1000_events", brokerCpuMillisPer1000);
        map.put("harness_cpu_ms_per_1000_events", harnessCpuMillisPer1000);
        map.put("bridge_max_rss_mb", maxRssMegabytes);
        map.put("load_average_1m", loadAverage);
        map.put("drain_seconds", drainSeconds);
        map.put("verdict", verdict());
        return map;
    }

    private static double coalesced(Rig rig) throws IOException, InterruptedException {
        return rig.bridge.metric("habridge_events_coalesced_total") + rig.bridge.metric("habridge_mqtt_coalesced_total");
    }

    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
