package io.hacamel.bridge.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.hacamel.bridge.testing.WebhookSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads in the log when service calls fail, webhooks give up and the MQTT broker goes away: one line
 * per breaker transition, per fallback, per dead letter and per change of the MQTT connection (not per retry), each
 * with its context (breaker, call, target, entity, broker, why), as many as the meters count, and never a secret.
 * The session's own lines: ConnectionLogTest.
 */
class OperatorLogTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String API_KEY = "operator-key-61d0c3";
    private static final String WEBHOOK_SECRET = "operator-hook-secret-a94e";
    private static final String URL_TOKEN = "operator-url-token-7f2b";
    private static final String MQTT_PASSWORD = "operator-mqtt-password-2d8c";
    private static final String HALLWAY = "{\"target\":{\"entity_id\":\"light.hallway\"}}";

    private static LogCapture logs;
    private WebhookSink sink;
    private MqttTestBroker broker;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        sink = WebhookSink.start();
        sink.answer(400); // refused: a dead letter at once, without retries
        broker = MqttTestBroker.withUser("bridge", MQTT_PASSWORD);
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.username", "bridge");
        properties.put("mqtt.password", MQTT_PASSWORD);
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("mqtt.reconnect.max-delay", "300");
        properties.put("bridge.api-key", API_KEY);
        properties.put("commands.timeout", "500");
        properties.put("camel.resilience4j.wait-duration-in-open-state", "1");
        properties.put("webhooks.targets", "alarm");
        properties.put("webhook.alarm.url", sink.url("/hooks") + "?token=" + URL_TOKEN);
        properties.put("webhook.alarm.secret", WEBHOOK_SECRET);
        properties.put("webhook.alarm.entities", "lock.*");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
        broker.close();
    }

    @Test
    void breakerTransitionsFallbacksAndDeadLettersAreOneLineEach() {
        awaitReady();
        simulator.faults().withholdNextResults(5, "call_service");
        for (int i = 0; i < 5; i++) {
            assertThat(call("light", "turn_on").status()).isEqualTo(504);
        }
        assertThat(call("light", "turn_off").body().path("via").asText()).isEqualTo("rest");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> call("light", "turn_on").body().path("via").asText().equals("websocket"));

        simulator.home().setState("lock.front_door", "unlocked");
        sink.next();
        await().atMost(WAIT).until(() -> metric("habridge_webhook_dead_letters_total") == 1);

        List<String> breaker = lines("io.hacamel.bridge.commands.CommandBreaker - ");
        assertThat(breaker).hasSize(3);
        assertThat(breaker.get(0)).startsWith("WARN").contains("Circuit breaker call-service-breaker: CLOSED -> OPEN, "
                + "5 of the last 5 service calls over the session failed; calls go over the REST API for the next 1000 ms");
        assertThat(breaker.get(1)).startsWith("INFO").contains("OPEN -> HALF_OPEN, the next service call probes");
        assertThat(breaker.get(2)).startsWith("INFO").contains("HALF_OPEN -> CLOSED, service calls go over the session");

        List<String> fallbacks = lines("io.hacamel.bridge.commands.ServiceCalls - ").stream()
                .filter(line -> line.contains("goes over the REST API")).toList();
        assertThat(fallbacks).hasSize((int) metric("habridge_command_fallbacks_total")).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("WARN").containsPattern(
                        "Service call light\\.turn_(on|off) goes over the REST API: the circuit breaker is open"));
        assertThat(lines("io.hacamel.bridge.commands.ServiceCalls - ").stream()
                .filter(line -> line.contains("its outcome is unknown and it is not re-sent"))).hasSize(5);

        List<String> deadLetters = lines("io.hacamel.bridge.publish.DeadLetters - ");
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0)).startsWith("WARN").contains("of lock.front_door to webhook target alarm failed "
                + "for good after 1 attempts (HTTP 400 from webhook target alarm").contains("kept as a dead letter");

        broker.stop();
        await().atMost(WAIT).until(() -> metric("habridge_mqtt_connect_failures_total") >= 4);
        broker.startAgain();
        await().atMost(WAIT).until(() -> metric("habridge_mqtt_connects_total") == 2);
        List<String> mqtt = lines("io.hacamel.bridge.mqtt.MqttConnection - ");
        String at = "the MQTT broker " + broker.url();
        assertThat(mqtt.get(0)).startsWith("INFO").contains("Connected to " + at + " as ha-camel-bridge-");
        assertThat(mqtt.get(1)).startsWith("WARN").contains("Lost the connection to " + at + ": ").endsWith(
                ". Reconnecting");
        List<String> retries = mqtt.subList(2, mqtt.size() - 1);
        assertThat(retries).as("one line per new reason, not one per attempt").isNotEmpty()
                .hasSizeLessThan((int) metric("habridge_mqtt_connect_failures_total"))
                .allSatisfy(line -> assertThat(line).startsWith("WARN").contains("Cannot connect to " + at + ": ")
                        .contains(". Retrying in "));
        assertThat(mqtt.get(mqtt.size() - 1)).startsWith("INFO").containsPattern("Connected to " + at
                + " as ha-camel-bridge-\\S+ after \\d+ failed attempts");

        assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN) || line.contains(API_KEY)
                || line.contains(WEBHOOK_SECRET) || line.contains(URL_TOKEN) || line.contains(MQTT_PASSWORD));
    }

    /** The lines of one logger at INFO and above. */
    private static List<String> lines(String logger) {
        return logs.lines().stream().filter(line -> line.contains(logger))
                .filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList();
    }

    private Answer call(String domain, String service) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/services/"
                        + domain + "/" + service)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY).POST(HttpRequest.BodyPublishers.ofString(HALLWAY)));
    }

    private double metric(String family) {
        return PrometheusScrape.of(api.get("/metrics").text()).find(family).stream()
                .mapToDouble(PrometheusScrape.Sample::value).sum();
    }
}
