package io.hacamel.bridge.mqtt;

import java.util.Properties;

import io.hacamel.bridge.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSettingsTest {

    @Test
    void theDefaultsUseTheEmbeddedBrokerOnLoopback() {
        MqttSettings mqtt = MqttSettings.from(settings());

        assertThat(mqtt.usesEmbeddedBroker()).isTrue();
        assertThat(mqtt.embeddedHost()).isEqualTo("127.0.0.1");
        assertThat(mqtt.embeddedPort()).isEqualTo(1883);
        assertThat(mqtt.baseTopic()).isEqualTo("homeassistant/statestream");
        assertThat(mqtt.availabilityTopic()).isEqualTo("homeassistant/statestream/bridge/availability");
        assertThat(mqtt.clientId()).startsWith("ha-camel-bridge-");
        assertThat(mqtt.qos()).isEqualTo(1);
    }

    @Test
    void aBrokerUrlWithCredentialsAndALastWill() throws Exception {
        MqttSettings mqtt = MqttSettings.from(settings("mqtt.url", "mqtts://broker.lan:8883", "mqtt.username", "ha",
                "mqtt.password", "pw-9", "mqtt.base-topic", "home/"));

        assertThat(mqtt.url()).isEqualTo("ssl://broker.lan:8883");
        assertThat(mqtt.usesEmbeddedBroker()).isFalse();
        assertThat(mqtt.baseTopic()).isEqualTo("home");
        MqttConnectionOptions options = mqtt.connectionOptions();
        assertThat(options.getUserName()).isEqualTo("ha");
        assertThat(new String(options.getPassword())).isEqualTo("pw-9");
        assertThat(options.getWillDestination()).isEqualTo("home/bridge/availability");
        assertThat(new String(options.getWillMessage().getPayload())).isEqualTo("offline");
        assertThat(options.getWillMessage().isRetained()).isTrue();
        assertThat(mqtt.describe("ssl://broker.lan:8883").toString()).contains("password=****")
                .doesNotContain("pw-9");
    }

    @Test
    void aBadUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> MqttSettings.from(settings("mqtt.url", "http://broker:1883")))
                .hasMessageContaining("tcp://");
        assertThatThrownBy(() -> MqttSettings.from(settings("mqtt.url", "tcp://user:hunter2@broker:1883")))
                .hasMessageContaining("mqtt.password").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MqttSettings.from(settings("mqtt.url", "tcp://bro ker:hunter2")))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MqttSettings.from(settings("mqtt.qos", "3"))).hasMessageContaining("mqtt.qos");
        assertThatThrownBy(() -> MqttSettings.from(settings("mqtt.base-topic", "a/#"))).hasMessageContaining("base-topic");
    }

    @Test
    void onlyAnUnreachableBrokerIsWorthWaitingFor() {
        assertThat(MqttConnection.isOutage(new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED)))
                .isTrue();
        assertThat(MqttConnection.isOutage(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST))).isTrue();
        assertThat(MqttConnection.isOutage(new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT))).isTrue();
        assertThat(MqttConnection.isOutage(new MqttException(0x87))).as("not authorized").isFalse();
        assertThat(MqttConnection.isOutage(new IllegalArgumentException("bad topic"))).isFalse();
    }

    /** application.properties' defaults with these overrides. */
    private static Settings settings(String... keysAndValues) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties overrides = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(overrides);
        return new Settings(context.getPropertiesComponent());
    }
}
