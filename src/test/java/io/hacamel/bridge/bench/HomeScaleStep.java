package io.hacamel.bridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A home as most are: 1,000 entities and 10 changes a second. Measured for the bridge and the minimal client: the CPU
 * they use (percent of one core) and their resident memory, and with no events at all, how often their threads wake
 * up (each wake-up keeps a small machine's CPU from its idle states).
 */
final class HomeScaleStep {

    static final int HOME_1K = 1_000;
    static final double HOME_RATE = 10;

    private HomeScaleStep() {
    }

    /**
     * What one process used: idle wake-ups, then CPU and RSS at 10 changes a second: the highest RSS while measured
     * (which begins with the heap the start took) and the RSS at the end, where a home stays.
     */
    private record Footprint(Wakeups.Count idle, Wakeups.Count busy, double cpuPercent, double rssMegabytes,
            double rssAtEndMegabytes) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("idle_wakeups_per_s", idle.perSecond());
            map.put("idle_wakeups_by_thread_per_s", idle.byThread());
            map.put("cpu_percent_of_a_core_at_10_per_s", cpuPercent);
            map.put("cpu_percent_by_thread_at_10_per_s", busy.cpuByThread());
            map.put("wakeups_per_s_at_10_per_s", busy.perSecond());
            map.put("wakeups_by_thread_per_s_at_10_per_s", busy.byThread());
            map.put("max_rss_mb_at_10_per_s", rssMegabytes);
            map.put("rss_mb_at_the_end", rssAtEndMegabytes);
            return map;
        }
    }

    static void measure(BenchSettings settings, int run, Results results) throws Exception {
        Footprint bridge;
        try (Rig rig = Rig.start(settings, "bridge-home-run" + run, HOME_1K)) {
            bridge = footprint(settings, rig.bridge.pid(), load -> {
                if (load) {
                    rig.simulator.load().start(HOME_RATE);
                } else {
                    rig.simulator.load().stop();
                }
            });
        }
        Footprint minimal;
        try (MinimalClientRun client = MinimalClientRun.start(settings, HOME_1K)) {
            minimal = footprint(settings, client.pid(), load -> {
                if (load) {
                    client.simulator().load().start(HOME_RATE);
                } else {
                    client.simulator().load().stop();
                }
            });
        }
        results.step("home scale (bridge)", run, bridge.toMap());
        results.step("home scale (minimal client)", run, minimal.toMap());
        results.figure("home.cpu", "bridge CPU at 10 events/s, 1,000 entities", "% of a core")
                .add(bridge.cpuPercent());
        results.figure("home.minimal.cpu", "minimal client CPU at 10 events/s, 1,000 entities", "% of a core")
                .add(minimal.cpuPercent());
        results.figure("home.ratio", "bridge CPU ÷ the minimal client's at 10 events/s, 1,000 entities", "×")
                .add(bridge.cpuPercent() / minimal.cpuPercent());
        results.figure("home.wakeups", "bridge wake-ups with no events, 1,000 entities", "/s")
                .add(bridge.idle().perSecond());
        results.figure("home.minimal.wakeups", "minimal client wake-ups with no events, 1,000 entities", "/s")
                .add(minimal.idle().perSecond());
        results.figure("home.rss", "bridge RSS at 10 events/s, 1,000 entities, the highest while measured", "MB")
                .add(bridge.rssMegabytes());
        results.figure("home.minimal.rss",
                "minimal client RSS at 10 events/s, 1,000 entities, the highest while measured", "MB")
                .add(minimal.rssMegabytes());
        results.figure("home.rss.end", "bridge RSS at the end of the step at 10 events/s, 1,000 entities", "MB")
                .add(bridge.rssAtEndMegabytes());
        results.figure("home.minimal.rss.end",
                "minimal client RSS at the end of the step at 10 events/s, 1,000 entities", "MB")
                .add(minimal.rssAtEndMegabytes());
        Benchmark.log("home scale: bridge %.2f%% of a core %s, %.0f wake-ups/s at 10 events/s, %.0f idle %s, "
                + "RSS %.0f MB (%.0f at the end); minimal client %.2f%% %s, %.0f wake-ups/s at 10 events/s, %.0f idle, "
                + "RSS %.0f MB (%.0f at the end)", bridge.cpuPercent(), bridge.busy().cpuByThread(),
                bridge.busy().perSecond(), bridge.idle().perSecond(), bridge.idle().byThread(), bridge.rssMegabytes(),
                bridge.rssAtEndMegabytes(), minimal.cpuPercent(), minimal.busy().cpuByThread(),
                minimal.busy().perSecond(), minimal.idle().perSecond(), minimal.rssMegabytes(),
                minimal.rssAtEndMegabytes());
    }

    private interface Load {
        void set(boolean on);
    }

    private static Footprint footprint(BenchSettings settings, long pid, Load load) throws Exception {
        Thread.sleep(settings.warmup().toMillis()); // what the warm-up's load left behind settles
        Wakeups.Count idle = Wakeups.over(pid, settings.idleWindow());
        load.set(true);
        Thread.sleep(settings.warmup().toMillis());
        Wakeups.Snapshot threads = Wakeups.start(pid);
        double cpuBefore = BridgeProcess.cpuSeconds(pid);
        long started = System.nanoTime();
        double rss = BridgeProcess.maxRssOver(pid, settings.homeMeasure());
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuPercent = (BridgeProcess.cpuSeconds(pid) - cpuBefore) / seconds * 100;
        Wakeups.Count busy = threads.end();
        double rssAtEnd = BridgeProcess.rssMegabytes(pid);
        load.set(false);
        return new Footprint(idle, busy, cpuPercent, rss, rssAtEnd);
    }
}
