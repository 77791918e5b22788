package io.hacamel.bridge.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API's figures with 10,000 entities: state reads (idle and under 1,000 events/s) and service calls through the
 * bridge against the same call made bare to the simulator.
 */
final class ApiSteps {

    private final BenchSettings settings;
    private final Results results;

    ApiSteps(BenchSettings settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    void reads(Rig rig, int run) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = rig.entityIds();
        warmUpReads(rig, http, ids);
        Samples idle = readStates(rig, http, ids, settings.reads());
        Map<String, Double> idleMillis = idle.percentilesMillis();
        rig.simulator.load().start(1_000);
        Samples loaded = readStates(rig, http, ids, settings.reads());
        rig.simulator.load().stop();
        Rig.awaitStates(rig.probe, rig.simulator, Duration.ofSeconds(30));
        Map<String, Double> loadedMillis = loaded.percentilesMillis();
        for (String percentile : List.of("p50", "p99")) {
            results.figure("reads.idle." + percentile, "GET /api/v1/states/{id} " + percentile
                    + ", 10,000 entities, no events", "ms").add(idleMillis.get(percentile));
            results.figure("reads.loaded." + percentile, "GET /api/v1/states/{id} " + percentile
                    + ", 10,000 entities, 1,000 events/s", "ms").add(loadedMillis.get(percentile));
        }
        results.step("state reads", run, Map.of("requests", idle.size(), "idle_ms", idleMillis,
                "under_1000_events_per_s_ms", loadedMillis, "load_average_1m", RateRun.loadAverage()));
        Benchmark.log("reads: idle %s, under load %s", idleMillis, loadedMillis);
    }

    /**
     * Reads as the measurement will until the bridge's JIT has compiled the read path: half as many requests as are
     * measured, then on until its compiler threads are quiet (C2 takes a method after 15,000 calls, bin/jvm.options).
     */
    private void warmUpReads(Rig rig, HttpClient http, List<String> ids) throws Exception {
        readStates(rig, http, ids, settings.reads() / 2);
        AtomicBoolean compiled = new AtomicBoolean();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            while (!compiled.get()) {
                try {
                    readStates(rig, http, ids, 500);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }
        });
        Rig.awaitCompiled(rig.bridge.pid(), settings.jitWarmup());
        compiled.set(true);
        reading.get();
    }

    private static Samples readStates(Rig rig, HttpClient http, List<String> ids, int count) throws Exception {
        Random random = new Random(7);
        Samples samples = new Samples();
        for (int i = 0; i < count; i++) {
            HttpRequest request = rig.bridge.request("/api/v1/states/" + ids.get(random.nextInt(ids.size()))).build();
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            samples.add(took);
        }
        return samples;
    }

    void commands(Rig rig, int run) throws Exception {
        String light = rig.entityIds().stream().filter(id -> id.startsWith("light.")).findFirst().orElseThrow();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Samples viaBridge = new Samples();
        Samples bare = new Samples();
        int count = settings.commands();
        // half as many requests again first: the JIT compiles the call path in the first thousands of requests
        for (int i = -count / 2; i < count; i++) {
            String service = i % 2 == 0 ? "turn_on" : "turn_off";
            HttpRequest request = rig.bridge.request("/api/v1/services/light/" + service)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"target\":{\"entity_id\":\"" + light + "\"}}")).build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (response.statusCode() != 200 || !response.body().contains("\"via\":\"websocket\"")) {
                throw new IllegalStateException("The service call answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (i >= 0) {
                viaBridge.add(took);
            }
        }
        try (RawHaClient client = RawHaClient.connect(rig.simulator.websocketUrl(), Rig.TOKEN, false)) {
            // half as many calls again first, as above
            for (int i = -count / 2; i < count; i++) {
                String service = i % 2 == 0 ? "turn_on" : "turn_off";
                long started = System.nanoTime();
                JsonNode result = client.command("{\"type\":\"call_service\",\"domain\":\"light\",\"service\":\""
                        + service + "\",\"target\":{\"entity_id\":\"" + light + "\"}}");
                long took = System.nanoTime() - started;
                if (!result.path("success").asBoolean()) {
                    throw new IllegalStateException("The bare call_service failed: " + result);
                }
                if (i >= 0) {
                    bare.add(took);
                }
            }
        }
        Map<String, Double> bridgeMillis = viaBridge.percentilesMillis();
        Map<String, Double> bareMillis = bare.percentilesMillis();
        for (String percentile : List.of("p50", "p99")) {
            results.figure("commands.bridge." + percentile, "service call through the API " + percentile
                    + " (HTTP → bridge → socket → simulator → answer)", "ms").add(bridgeMillis.get(percentile));
            results.figure("commands.bare." + percentile, "bare call_service round trip " + percentile
                    + " (one WebSocket client → simulator)", "ms").add(bareMillis.get(percentile));
        }
        results.step("commands", run, Map.of("calls", count, "bridge_ms", bridgeMillis, "bare_ms", bareMillis,
                "load_average_1m", RateRun.loadAverage()));
        Benchmark.log("commands: bridge %s, bare %s", bridgeMillis, bareMillis);
    }
}
