package io.hacamel.bridge.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.WebhookSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT password, a webhook's secret, its header values and the token in its URL appear in no log line (even at
 * DEBUG), no API answer and no dead letter, through deliveries, retries, dead letters, replays and reconnects.
 */
class PublishingSecretsTest extends BridgeTestSupport {

    private static final String MQTT_PASSWORD = "mqtt-pw-3b8e1f";
    private static final String WEBHOOK_SECRET = "hook-secret-94c2d0";
    private static final String HEADER_VALUE = "hook-header-5e77aa";
    private static final String URL_TOKEN = "url-token-0c61b9";
    private static final String API_KEY = "api-key-2fd4";
    private static final List<String> SECRETS = List.of(MQTT_PASSWORD, WEBHOOK_SECRET, HEADER_VALUE, URL_TOKEN);

    private static LogCapture logs;
    private MqttTestBroker broker;
    private WebhookSink sink;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.withUser("bridge", MQTT_PASSWORD);
        sink = WebhookSink.start();
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.username", "bridge");
        properties.put("mqtt.password", MQTT_PASSWORD);
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("bridge.api-key", API_KEY);
        properties.put("webhooks.targets", "vault");
        properties.put("webhook.vault.url", sink.url("/services/" + URL_TOKEN) + "?key=" + URL_TOKEN);
        properties.put("webhook.vault.secret", WEBHOOK_SECRET);
        properties.put("webhook.vault.headers", "{\"Authorization\":\"Bearer " + HEADER_VALUE + "\"}");
        properties.put("webhooks.retry.max-retries", "1");
        properties.put("webhooks.retry.initial-delay", "50");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        broker.close();
        sink.close();
    }

    @Test
    void publishingSecretsNeverLeak() {
        awaitReady();
        StringBuilder answers = new StringBuilder();
        simulator.home().setState("light.camel_lamp", "on");
        assertThat(sink.next().header("Authorization")).isEqualTo("Bearer " + HEADER_VALUE);
        sink.answer(503);
        simulator.home().setState("light.camel_lamp", "off");
        sink.next();
        sink.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().contains("\"count\":1"));
        answers.append(deadLetters());
        sink.answer(200);
        answers.append(withKey(HttpRequest.newBuilder(uri("/api/v1/webhooks/dead-letters/replay"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())));
        sink.next();
        broker.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> "off".equals(MqttRecorder.retained(broker.url(),
                "homeassistant/statestream/#", "bridge", MQTT_PASSWORD, null)
                .get("homeassistant/statestream/light/camel_lamp/state")));
        for (String path : new String[] {"/status", "/health", "/metrics"}) {
            answers.append(api.get(path).text());
        }
        context.stop();

        for (String secret : SECRETS) {
            assertThat(answers.toString()).as("API answers").doesNotContain(secret);
            assertThat(logs.lines()).as("log lines").isNotEmpty().noneMatch(line -> line.contains(secret));
        }
        assertThat(answers.toString()).contains("\"password\":\"****\"", "\"secret\":\"****\"");
    }

    private String deadLetters() {
        return withKey(HttpRequest.newBuilder(uri("/api/v1/webhooks/dead-letters")).GET());
    }

    private String withKey(HttpRequest.Builder request) {
        return api.send(request.header("Authorization", "Bearer " + API_KEY)).text();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
