package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.WebhookSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a pair of bridges shares in these tests: one Home Assistant (the simulator, the demo home), one MQTT broker,
 * one webhook receiver, and a ledger of the service calls Home Assistant ran. Every bridge runs with the shipped
 * application.properties and the settings of a user's pair on top, and with a user route of group {@code leader}: an
 * automation that notifies every time the front door opens, with the time of the event in the message.
 */
abstract class PairTestSupport {

    static final String BASE = "homeassistant/statestream";
    static final String COMMAND_TOPIC = BASE + "/command/persistent_notification/create";
    /** The shipped timing (application.properties). */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration RETRY = Duration.ofSeconds(1);

    static final String AUTOMATION = """
            - route:
                id: front-door-notification
                description: Notifies every time the front door opens, once per opening
                group: leader
                routeConfigurationId: event-errors
                from:
                  uri: homeassistant:events
                  parameters:
                    types: state_changed
                    entities: binary_sensor.front_door
                    stateChangesOnly: true
                  steps:
                    - filter:
                        simple: "${header.CamelHomeAssistantState} == 'on' && ${header.CamelHomeAssistantResync} == false"
                        steps:
                          - setHeader:
                              name: CamelHomeAssistantDomain
                              constant: persistent_notification
                          - setHeader:
                              name: CamelHomeAssistantService
                              constant: create
                          - setBody:
                              simple: '{"service_data": {"message": "door ${header.CamelHomeAssistantTimeFired}"}}'
                          - to: direct:call-service
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    static HaSimulator simulator;
    static MqttTestBroker broker;
    static WebhookSink sink;
    static ServiceCallLedger ledger;
    /** What the bridges of the test class wrote. */
    private static final List<Path> LOGS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void sharedByThePair() {
        simulator = HaSimulator.start(new SimulatorOptions().home(SimulatedHome.demo()));
        broker = MqttTestBroker.start();
        sink = WebhookSink.start();
        ledger = ServiceCallLedger.follow(simulator);
    }

    /** Closes what the pair shared, once the test class stopped its bridges; then reads what they logged. */
    @AfterAll
    static void closeShared() throws IOException {
        ledger.close();
        sink.close();
        broker.close();
        simulator.close();
        for (Path log : LOGS) {
            assertHoldsNoSecret(log);
        }
        LOGS.clear();
    }

    /** Secrets never leak: the file holds neither the API key nor the Home Assistant token. */
    static void assertHoldsNoSecret(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(text).as(file + " holds no secret").doesNotContain(BridgeTestSupport.API_KEY)
                .doesNotContain(SimulatorOptions.DEFAULT_TOKEN);
    }

    /** The settings of one bridge of a pair, as environment variables; the election's are the caller's. */
    static Map<String, String> pairSettings(Map<String, String> election) {
        Map<String, String> settings = new HashMap<>(election);
        settings.put("HA_URL", simulator.httpUrl());
        settings.put("HA_TOKEN", SimulatorOptions.DEFAULT_TOKEN);
        settings.put("MQTT_URL", broker.url());
        settings.put("WEBHOOKS_TARGETS", "sink");
        settings.put("WEBHOOK_SINK_URL", sink.url("/pair"));
        settings.put("WEBHOOK_SINK_DOMAINS", "binary_sensor");
        return settings;
    }

    /** Starts a bridge with the automation in its folder of user routes. */
    static PairMember startMember(String name, Path work, String test, Map<String, String> election)
            throws IOException {
        Path routes = Files.createDirectories(work.resolve(name + "-home").resolve("user-routes"));
        Files.writeString(routes.resolve("front-door-notification.camel.yaml"), AUTOMATION);
        PairMember member = PairMember.start(name, work, test, pairSettings(election));
        LOGS.add(member.log());
        return member;
    }

    /** Once no bridge publishes any more: every entity's state topic holds its state in Home Assistant. */
    static void awaitRetainedStatesFinal(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, String> retained = MqttRecorder.retained(broker.url(), BASE + "/#");
            return simulator.home().states().stream().allMatch(state -> {
                String id = state.path("entity_id").asText();
                String topic = BASE + "/" + id.replace('.', '/') + "/state";
                return state.path("state").asText().equals(retained.get(topic));
            });
        });
    }

    /**
     * Once no bridge delivers any more: the last delivery of every binary sensor (the target's domain) carries its
     * state in Home Assistant. Collects what the sink received meanwhile into {@code lastDelivered}.
     */
    static void awaitWebhooksFinal(Map<String, JsonNode> lastDelivered, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (WebhookSink.Request request : sink.drain()) {
                JsonNode body = request.json();
                lastDelivered.put(body.path("entity_id").asText(), body);
            }
            return simulator.home().states().stream()
                    .filter(state -> state.path("entity_id").asText().startsWith("binary_sensor."))
                    .allMatch(state -> {
                        JsonNode last = lastDelivered.get(state.path("entity_id").asText());
                        return last != null && state.path("state").asText()
                                .equals(last.path("new_state").path("state").asText());
                    });
        });
    }

    /** The answers on the command topics' result topic, by correlation id (the latest of each). */
    static Map<String, JsonNode> results(MqttRecorder recorder, Map<String, JsonNode> into) {
        for (MqttRecorder.Received received : recorder.drain()) {
            try {
                JsonNode answer = JSON.readTree(received.payload());
                into.put(answer.path("correlation_id").asText(), answer);
            } catch (IOException e) {
                throw new AssertionError("a result that is not JSON: " + received.payload(), e);
            }
        }
        return into;
    }

    static Map<String, JsonNode> newResults() {
        return new LinkedHashMap<>();
    }
}
