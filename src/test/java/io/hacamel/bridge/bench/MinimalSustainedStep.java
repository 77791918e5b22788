package io.hacamel.bridge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minimal client's sustained rate, found as the bridge's is (the same ladder of rates, 5,000 entities, the same
 * warm-up and measuring time, one step between the last good and the first bad rate), so that the bridge's can be
 * set against it. A step counts when the simulator did not drop the client, p99 < 1 s, the simulator's queue for it
 * stayed below Home Assistant's limit, it made 95% of the rate asked for and 95% of the changes made reached the
 * broker within the step (the minimal client merges nothing).
 */
final class MinimalSustainedStep {

    private MinimalSustainedStep() {
    }

    static void measure(BenchSettings settings, int run, Results results) throws Exception {
        MinimalClientRun.Step best = null;
        double failedAt = Double.NaN;
        try (MinimalClientRun client = MinimalClientRun.start(settings, Benchmark.HOME_5K)) {
            for (double rate : settings.sustainedRates()) {
                MinimalClientRun.Step step = at(client, settings, run, results, rate);
                if (!sustained(step)) {
                    failedAt = rate;
                    break;
                }
                best = step;
            }
            if (best != null && !Double.isNaN(failedAt)) {
                double middle = Math.round((best.rate() + failedAt) / 2 / 500) * 500.0;
                if (middle > best.rate() && middle < failedAt) {
                    MinimalClientRun.Step step = at(client, settings, run, results, middle);
                    best = sustained(step) ? step : best;
                }
            }
        }
        double rate = best == null ? 0 : best.achievedRate();
        results.figure("sustained.minimal", "the minimal client's sustained rate (as the bridge's), 5,000 entities",
                "events/s").add(rate);
        List<Double> bridge = results.runs("sustained.rate");
        if (rate > 0 && bridge.size() == run) {
            results.figure("sustained.ratio", "bridge sustained rate ÷ the minimal client's, 5,000 entities", "×")
                    .add(bridge.get(run - 1) / rate);
        }
        Benchmark.log("minimal client sustained: %.0f events/s", rate);
    }

    private static MinimalClientRun.Step at(MinimalClientRun client, BenchSettings settings, int run, Results results,
            double rate) throws Exception {
        MinimalClientRun.Step step = client.at(rate, () -> client.simulator().load().start(rate),
                () -> Thread.sleep(settings.warmup().toMillis()), settings.stepMeasure());
        Map<String, Object> row = new LinkedHashMap<>(step.toMap());
        row.put("sustained", sustained(step));
        row.put("load_average_1m", RateRun.loadAverage());
        results.step("sustained (minimal client)", run, row);
        return step;
    }

    private static boolean sustained(MinimalClientRun.Step step) {
        Double p99 = step.latencyMillis().get("p99");
        return !step.dropped() && p99 != null && p99 < 1000 && step.maxPending() < RateRun.HA_PENDING_PEAK
                && step.achievedRate() >= 0.95 * step.rate() && step.deliveredRate() >= 0.95 * step.achievedRate();
    }
}
