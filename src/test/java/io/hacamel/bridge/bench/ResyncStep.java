package io.hacamel.bridge.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The resync figure with 10,000 entities: Home Assistant restarts and the bridge catches up. */
final class ResyncStep {

    private ResyncStep() {
    }

    /**
     * Home Assistant restarts (with nothing changed, or every entity's attributes changed while it was away) and the
     * bridge reconnects: from the bridge's auth to ready, the bridge's own figure for the resync, and until every
     * change is on the broker.
     */
    static void measure(Rig rig, int run, boolean changeEverything, Results results) throws Exception {
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
        Benchmark.log("resync (%s): ready after %.3f s, bridge %s ms, published after %.3f s", label, readySeconds,
                bridgeMillis, published);
    }
}
