package io.hacamel.bridge.faults;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.FreePorts;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.hacamel.bridge.testing.WebhookSink;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bridge with every neighbour it has: the simulator (the demo home), a real MQTT broker that asks for a
 * password, and a webhook receiver that takes every kind of change including the initial states. A fault test breaks
 * one neighbour, mends it, and then checks the end of the run against the simulator's truth with {@link Truth}:
 * every entity's final state in the cache, on MQTT and at the webhook, within the backoff cap plus 5 s, with no
 * slow-consumer closure by Home Assistant. Each writes its figures as a row of docs/reliability.md.
 */
@Tag("fault-injection")
abstract class FaultTestSupport {

    static final String TOKEN = "fault-token-3c9e51";
    static final String API_KEY = "fault-api-key-8b20d4";
    static final String MQTT_USER = "bridge";
    static final String MQTT_PASSWORD = "fault-mqtt-secret-61af";
    static final String WEBHOOK_SECRET = "fault-whsec-0d7e2b";
    static final String BASE_TOPIC = "faults/statestream";
    /** The reconnect backoff cap of Home Assistant's session, MQTT and the webhook retries in these tests. */
    static final Duration BACKOFF_CAP = Duration.ofSeconds(2);
    /** The bound: recovery within the backoff cap plus 5 s. */
    static final Duration RECOVERY_BOUND = BACKOFF_CAP.plusSeconds(5);
    static final String[] SECRETS = {TOKEN, API_KEY, MQTT_PASSWORD, WEBHOOK_SECRET};

    protected HaSimulator simulator;
    protected MqttTestBroker broker;
    protected WebhookSink sink;
    protected WebhookLedger webhooks;
    protected Path dataDir;
    protected ApiClient api;
    protected Truth truth;
    protected RunningBridge bridge;
    protected Properties settings;

    /** The home the simulator starts with. */
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    /** This class's settings on top of the suite's. */
    protected void bridgeProperties(Properties properties) {
    }

    @BeforeEach
    void startNeighboursAndBridge() throws IOException {
        simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN).home(home()));
        broker = MqttTestBroker.withUser(MQTT_USER, MQTT_PASSWORD);
        sink = WebhookSink.start();
        webhooks = new WebhookLedger(sink);
        dataDir = Files.createTempDirectory("faults");
        int httpPort = FreePorts.next();
        api = new ApiClient(httpPort, API_KEY);
        truth = new Truth(simulator, api, broker, BASE_TOPIC, webhooks);
        settings = suiteSettings(simulator, broker, sink, dataDir, httpPort);
        bridgeProperties(settings);
        bridge = RunningBridge.start(settings);
    }

    @AfterEach
    void stopEverything() {
        if (bridge != null) {
            bridge.close();
        }
        sink.close();
        broker.close();
        simulator.close();
    }

    /** The suite's settings: every feature on, every secret set, small backoff caps. */
    static Properties suiteSettings(HaSimulator simulator, MqttTestBroker broker, WebhookSink sink, Path dataDir,
            int httpPort) {
        Properties properties = new Properties();
        properties.put("ha.url", simulator.httpUrl());
        properties.put("ha.token", TOKEN);
        properties.put("camel.server.port", String.valueOf(httpPort));
        properties.put("camel.management.enabled", "false");
        properties.put("camel.main.jmx-enabled", "false");
        properties.put("bridge.api-key", API_KEY);
        properties.put("filter.enabled", "false");
        properties.put("ha.reconnect.initial-delay", "100");
        properties.put("ha.reconnect.max-delay", String.valueOf(BACKOFF_CAP.toMillis()));
        properties.put("ha.handshake-timeout", "3s");
        properties.put("ha.ping-interval", "1s");
        properties.put("ha.pong-timeout", "2s");
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.username", MQTT_USER);
        properties.put("mqtt.password", MQTT_PASSWORD);
        properties.put("mqtt.base-topic", BASE_TOPIC);
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("mqtt.reconnect.max-delay", String.valueOf(BACKOFF_CAP.toMillis()));
        properties.put("webhooks.targets", "sink");
        properties.put("webhook.sink.url", sink.url("/hooks/sink"));
        properties.put("webhook.sink.secret", WEBHOOK_SECRET);
        properties.put("webhook.sink.events", "state,attributes,added,removed,initial");
        properties.put("webhooks.response-timeout", "1s");
        properties.put("webhooks.retry.initial-delay", "100");
        properties.put("webhooks.retry.max-delay", String.valueOf(BACKOFF_CAP.toMillis()));
        // enough retries to outlast every outage of the suite, so that nothing ends up as a dead letter
        properties.put("webhooks.retry.max-retries", "60");
        properties.put("webhooks.dead-letter-dir", dataDir.resolve("dead-letters").toString());
        return properties;
    }

    /** Waits until the session is ready and every consumer holds the truth; fails with the differences if not. */
    protected void awaitReady() {
        awaitTruth(Duration.ofSeconds(30));
    }

    /**
     * Measures the time from {@code cleared} until the bridge is ready again and every consumer holds every final
     * state, and asserts the bound.
     */
    protected Duration awaitRecovery(Instant cleared) {
        awaitTruth(RECOVERY_BOUND.plusSeconds(20));
        Duration recovery = Duration.between(cleared, Instant.now());
        assertThat(recovery).as("recovery: fault cleared until ready and every final state delivered")
                .isLessThanOrEqualTo(RECOVERY_BOUND);
        return recovery;
    }

    private void awaitTruth(Duration atMost) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of("not compared yet"));
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!ready()) {
                    last.set(List.of("not ready: " + api.get("/health").text()));
                    return false;
                }
                last.set(truth.differences());
                return last.get().isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the bridge did not reach the simulator's truth within " + atMost.toSeconds()
                    + " s: " + last.get(), e);
        }
    }

    /** A service call through the HTTP API, with the API key. */
    protected Answer callService(String domain, String service, String body) {
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/services/" + domain + "/" + service))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request to the API with the API key (and, as everything that changes something must, JSON's type). */
    protected Answer withKey(String method, String path) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.noBody()));
    }

    protected boolean ready() {
        return api.get("/health").status() == 200;
    }

    protected PrometheusScrape metrics() {
        return PrometheusScrape.of(api.get("/metrics").text());
    }

    /** State changes merged on the way (the event queue, MQTT, the webhook): intermediate states, never final ones. */
    protected long coalesced() {
        PrometheusScrape metrics = metrics();
        return (long) (metrics.value("habridge_events_coalesced_total")
                + metrics.value("habridge_mqtt_coalesced_total")
                + metrics.value("habridge_webhook_coalesced_total", "target", "sink"));
    }

    /**
     * The checks every fault test ends with, then its row for docs/reliability.md: no final state lost, Home
     * Assistant never dropped the bridge as a slow consumer, no dead letter (the retries outlast the outage).
     */
    protected void report(String id, String fault, String whatHappened, Duration recovery, long duplicates) {
        int lost = truth.lostFinalStates();
        assertThat(lost).as("final states lost: " + truth.differences()).isZero();
        assertThat(simulator.stats().slowConsumerClosures()).as("Home Assistant closed the bridge as slow").isZero();
        assertThat(duplicates).as("duplicate service executions").isZero();
        new ReliabilityRow(id, fault, whatHappened, recovery, lost, coalesced(), duplicates).write();
    }
}
