package io.hacamel.bridge.commands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Service calls from MQTT command topics, answered on .../result, against the real broker and the simulator. */
class MqttCommandTest extends BridgeTestSupport {

    private static final String BASE = "cmdtest/statestream";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer on a result topic, with the MQTT 5 correlation data it carried. */
    private record Answer(String topic, JsonNode body, String correlation) {
    }

    private MqttTestBroker broker;
    private MqttClient client;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        // a retained command the broker holds before the bridge subscribes: it must never run
        try {
            MqttClient early = new MqttClient(broker.url(), "early-" + UUID.randomUUID(), new MemoryPersistence());
            early.connect();
            early.publish(BASE + "/command/switch/turn_on",
                    "{\"target\":{\"entity_id\":\"switch.camel_switch\"}}".getBytes(StandardCharsets.UTF_8), 1, true);
            early.disconnect();
            early.close();
            connectCommander();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.base-topic", BASE);
        properties.put("mqtt.reconnect.initial-delay", "100");
    }

    @AfterEach
    void closeBroker() throws Exception {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        broker.close();
    }

    @Test
    void aCommandRunsAndItsAnswerComesBackWithTheCorrelationData() throws Exception {
        awaitCommandsTaken();

        publish("input_boolean/toggle", "{\"target\":{\"entity_id\":\"input_boolean.camel_test\"},"
                + "\"correlation_id\":\"c-1\"}", "corr-42", false);

        Answer answer = nextAnswer();
        assertThat(answer.topic()).isEqualTo(BASE + "/command/input_boolean/toggle/result");
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.body().path("status").asInt()).isEqualTo(200);
        assertThat(answer.body().path("via").asText()).isEqualTo("websocket");
        assertThat(answer.body().path("correlation_id").asText()).isEqualTo("c-1");
        assertThat(answer.body().path("context_id").asText()).hasSize(26);
        assertThat(answer.correlation()).isEqualTo("corr-42");
        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(1);
        assertThat(simulator.home().state("input_boolean.camel_test").path("state").asText()).isEqualTo("on");
    }

    @Test
    void badCommandsAreAnsweredAndNeverReachHomeAssistant() throws Exception {
        awaitCommandsTaken();

        publish("Light/turn_on", "{}", null, false);
        publish("light/turn_on", "{not json", null, false);
        publish("light/turn_on", "{\"target\":{\"entity_id\":\"../../etc\"}}", null, false);

        for (int i = 0; i < 3; i++) {
            Answer answer = nextAnswer();
            assertThat(answer.body().path("success").asBoolean()).isFalse();
            assertThat(answer.body().path("status").asInt()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isNotEmpty();
        }
        assertThat(simulator.stats().executions("light.turn_on")).isZero();
    }

    @Test
    void aRetainedCommandWaitingAtTheBrokerIsNeverRun() throws Exception {
        Answer answer = awaitCommandsTaken();

        assertThat(answer.topic()).isEqualTo(BASE + "/command/switch/turn_on/result");
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("error").asText()).contains("retained");
        assertThat(simulator.stats().executions("switch.turn_on")).isZero();
    }

    @Test
    void commandsRunOneAtATimeInTheOrderTheyCame() throws Exception {
        awaitCommandsTaken();

        for (String service : new String[] {"turn_on", "turn_off", "turn_on", "turn_off"}) {
            publish("switch/" + service, "{\"target\":{\"entity_id\":\"switch.camel_switch\"}}", null, false);
        }

        for (String service : new String[] {"turn_on", "turn_off", "turn_on", "turn_off"}) {
            Answer answer = nextAnswer();
            assertThat(answer.topic()).isEqualTo(BASE + "/command/switch/" + service + "/result");
            assertThat(answer.body().path("success").asBoolean()).isTrue();
        }
        assertThat(simulator.home().state("switch.camel_switch").path("state").asText()).isEqualTo("off");
    }

    /** The bridge subscribed; returns its answer to the retained command the broker held (it is always the first). */
    private Answer awaitCommandsTaken() throws Exception {
        awaitReady();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/metrics").text().contains("habridge_mqtt_connected 1.0"));
        return nextAnswer();
    }

    /** The client that sends commands and takes every answer, subscribed before the bridge starts. */
    private void connectCommander() throws Exception {
        client = new MqttClient(broker.url(), "commander-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        IMqttMessageListener listener = (topic, message) -> {
            byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
            answers.add(new Answer(topic, JSON.readTree(message.getPayload()),
                    correlation == null ? null : new String(correlation, StandardCharsets.UTF_8)));
        };
        client.subscribe(new MqttSubscription[] {new MqttSubscription(BASE + "/command/+/+/result", 1)},
                new IMqttMessageListener[] {listener});
    }

    private void publish(String call, String payload, String correlation, boolean retained) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, null);
        if (correlation != null) {
            MqttProperties properties = new MqttProperties();
            properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
            message.setProperties(properties);
        }
        client.publish(BASE + "/command/" + call, message);
    }

    private Answer nextAnswer() throws InterruptedException {
        Answer answer = answers.poll(15, TimeUnit.SECONDS);
        assertThat(answer).as("an answer on a result topic within 15 s").isNotNull();
        return answer;
    }
}
