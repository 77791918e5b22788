package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker that is down when the bridge starts stops nothing; once it is up, it gets every state. */
class MqttBrokerDownAtStartTest extends BridgeTestSupport {

    private static final String BASE = "late/statestream";

    private MqttTestBroker broker;

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        broker.stop();
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.base-topic", BASE);
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("mqtt.reconnect.max-delay", "300");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        broker.close();
    }

    @Test
    void theBridgeRunsWithoutItsBrokerAndPublishesOnceItComes() {
        awaitReady();
        assertThat(api.get("/status").body().path("publishing").path("mqtt").path("connected").asBoolean()).isFalse();
        simulator.home().setState("switch.camel_switch", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(api.get("/api/v1/states/switch.camel_switch")
                .body().path("state").asText()));

        broker.startAgain();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var retained = MqttRecorder.retained(broker.url(), BASE + "/#");
            return "on".equals(retained.get(BASE + "/switch/camel_switch/state"))
                    && "off".equals(retained.get(BASE + "/light/camel_lamp/state"))
                    && "online".equals(retained.get(BASE + "/bridge/availability"));
        });
        assertThat(api.get("/health").status()).isEqualTo(200);
    }
}
