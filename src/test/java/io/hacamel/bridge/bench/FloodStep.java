package io.hacamel.bridge.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A burst as Home Assistant makes one when it restarts or a network of sensors rejoins: the simulator as fast as it
 * goes, against the bridge and then the minimal client (5,000 entities each). Reported: the changes delivered to the
 * broker per second, the changes the bridge merged (per entity, the latest wins) and the simulator's peak of messages
 * pending for the connection, which Home Assistant keeps below 4,096 by dropping the client.
 */
final class FloodStep {

    /**
     * Changes per 10 ms tick: up to 100,000 a second, more than the simulator makes on a 2-core machine (its
     * ceiling), so it makes what it can, in frames of a thousand changes.
     */
    static final int FLOOD_PER_TICK = 1_000;

    private FloodStep() {
    }

    static void bridge(Rig rig, int run, Results results, BenchSettings settings) throws Exception {
        RateRun step = RateRun.flood(rig, FLOOD_PER_TICK, settings.warmup(), settings.stepMeasure());
        Map<String, Object> row = step.toMap();
        results.step("flood", run, row);
        results.loadAverages.add(step.loadAverage);
        results.figure("flood.made", "flood: changes the simulator made", "changes/s").add(step.achievedRate);
        results.figure("flood.delivered", "flood: changes the bridge delivered to the broker", "changes/s")
                .add(step.deliveredRate);
        results.figure("flood.merged", "flood: changes the bridge merged into a newer one of their entity (the "
                + "whole step, warm-up included)", "changes").add(step.coalesced);
        results.figure("flood.pending", "flood: peak messages pending at the simulator for the bridge", "messages")
                .add(step.maxPending);
        results.figure("flood.dropped", "flood: times the simulator dropped the bridge as a slow consumer", "times")
                .add(step.slowConsumerClosures);
        results.figure("flood.lost", "flood: final states missing after the flood", "entities").add(step.lost);
        Benchmark.log("flood (bridge): %,.0f/s made, %,.0f/s delivered, %.0f merged, pending max %d, dropped %d, "
                + "lost %d, CPU %.1f ms/1000 %s, load %.2f", step.achievedRate, step.deliveredRate, step.coalesced,
                step.maxPending, step.slowConsumerClosures, step.lost, step.cpuMillisPer1000, step.cpuByThread,
                step.loadAverage);
    }

    static void minimalClient(int run, Results results, BenchSettings settings) throws Exception {
        try (MinimalClientRun client = MinimalClientRun.start(settings, Benchmark.HOME_5K)) {
            Duration warmup = settings.warmup();
            MinimalClientRun.Step step = client.at(FLOOD_PER_TICK * 100.0,
                    () -> client.simulator().load().flood(FLOOD_PER_TICK), () -> Thread.sleep(warmup.toMillis()),
                    settings.stepMeasure());
            Map<String, Object> row = new LinkedHashMap<>(step.toMap());
            row.put("load_average_1m", RateRun.loadAverage());
            results.step("flood (minimal client)", run, row);
            results.figure("flood.minimal.made", "flood: changes the simulator made, for the minimal client",
                    "changes/s").add(step.achievedRate());
            results.figure("flood.minimal.delivered", "flood: changes the minimal client delivered to the broker",
                    "changes/s").add(step.deliveredRate());
            results.figure("flood.minimal.pending", "flood: peak messages pending at the simulator for the minimal "
                    + "client", "messages").add(step.maxPending());
            if (step.dropped()) {
                results.notes.add(String.format("Run %d: the simulator dropped the minimal client as a slow consumer "
                        + "in the flood (it merges nothing: what it cannot read waits in Home Assistant).", run));
            }
        }
    }
}
