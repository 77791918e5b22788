package io.hacamel.bridge.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;

/**
 * Compares what the bridge's consumers see with the simulator's truth, entity by entity: the state cache (the HTTP
 * API), the broker's retained statestream ({@code <base>/<domain>/<object_id>/state}) and the webhook receiver's
 * last accepted delivery. An entity whose final state differs anywhere, or that one of them still holds after it
 * was removed, is a lost final state.
 */
final class Truth {

    private final HaSimulator simulator;
    private final ApiClient api;
    private final MqttTestBroker broker;
    private final String baseTopic;
    private final WebhookLedger webhooks;

    Truth(HaSimulator simulator, ApiClient api, MqttTestBroker broker, String baseTopic, WebhookLedger webhooks) {
        this.simulator = simulator;
        this.api = api;
        this.broker = broker;
        this.baseTopic = baseTopic;
        this.webhooks = webhooks;
    }

    /** Every entity's state in the simulator. */
    Map<String, String> expected() {
        Map<String, String> states = new TreeMap<>();
        simulator.home().states().forEach(s -> states.put(s.path("entity_id").asText(), s.path("state").asText()));
        return states;
    }

    /** The entities whose final state some consumer lacks, as "where entity: expected/actual"; empty when none. */
    List<String> differences() {
        Map<String, String> truth = expected();
        List<String> differences = new ArrayList<>();
        compare("cache", truth, cached(), differences);
        compare("mqtt", truth, retained(), differences);
        compare("webhook", truth, webhooks.states(), differences);
        return differences;
    }

    /** How many entities have a wrong or missing final state in at least one consumer. */
    int lostFinalStates() {
        Set<String> lost = new TreeSet<>();
        differences().forEach(d -> lost.add(d.split(" ")[1]));
        return lost.size();
    }

    private Map<String, String> cached() {
        Answer answer = api.get("/api/v1/states");
        Map<String, String> states = new TreeMap<>();
        if (answer.status() == 200 && answer.body() != null) {
            for (JsonNode state : answer.body()) {
                states.put(state.path("entity_id").asText(), state.path("state").asText());
            }
        }
        return states;
    }

    private Map<String, String> retained() {
        Map<String, String> states = new TreeMap<>();
        String prefix = baseTopic + "/";
        MqttRecorder.retained(broker.url(), prefix + "#", FaultTestSupport.MQTT_USER, FaultTestSupport.MQTT_PASSWORD,
                null).forEach((topic, payload) -> {
            String[] levels = topic.substring(prefix.length()).split("/");
            if (levels.length == 3 && levels[2].equals("state") && !levels[0].equals("bridge")) {
                states.put(levels[0] + "." + levels[1], payload);
            }
        });
        return states;
    }

    private static void compare(String where, Map<String, String> truth, Map<String, String> seen,
            List<String> differences) {
        Set<String> entities = new TreeSet<>(truth.keySet());
        entities.addAll(seen.keySet());
        for (String entity : entities) {
            String expected = truth.get(entity);
            String actual = seen.get(entity);
            if (expected == null ? actual != null : !expected.equals(actual)) {
                differences.add(where + " " + entity + ": " + expected + "/" + actual);
            }
        }
    }
}
