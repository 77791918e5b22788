package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.CamelContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component in a Camel application of its own, as another project would use it: Camel Main with no bridge
 * configuration class, the component configured only through {@code camel.component.homeassistant.*}
 * (src/test/resources/standalone/application.properties) and a YAML route, against the simulator.
 */
class StandaloneComponentTest extends CamelMainTestSupport {

    private static final String TOKEN = "standalone-token";

    // no initializers: CamelTestSupport's constructor asks for the properties before subclass fields are set
    private HaSimulator simulator;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return CamelContexts.withoutCliConnector(super.createCamelContext());
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:standalone/application.properties";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN).home(SimulatedHome.demo()));
        Properties properties = new Properties();
        properties.put("camel.component.homeassistant.url", simulator.httpUrl());
        properties.put("camel.component.homeassistant.token", TOKEN);
        return properties;
    }

    @Override
    protected void doPostTearDown() throws Exception {
        simulator.close();
        super.doPostTearDown();
    }

    @Test
    void aYamlRouteOnTheComponentAloneActsOnHomeAssistantsEvents() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "READY".equals(component().getConnection().state().name()));
        simulator.home().setState("light.hallway", "off");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                simulator.home().state("light.hallway").path("state").asText().equals("off"));

        simulator.home().setState("binary_sensor.front_door", "on");

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().wsExecutions("light.turn_on") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                simulator.home().state("light.hallway").path("state").asText().equals("on"));
    }

    @Test
    void optionsTakeCamelsSyntaxInPropertiesOnTheUriAndInABean() {
        HomeAssistantConfiguration configuration = component().getConfiguration();
        assertThat(configuration.getRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configuration.getPingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.getReconnectMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(context.getEndpoint("homeassistant:call-service?timeout=5s", HomeAssistantEndpoint.class)
                .getTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(context.getEndpoint("homeassistant:get-states?timeout=PT0.5S&synchronous=true",
                HomeAssistantEndpoint.class).getTimeout()).isEqualTo(Duration.ofMillis(500));

        HomeAssistantConfiguration bean = new HomeAssistantConfiguration();
        // the binder takes the options it bound out of the map
        PropertyBindingSupport.build().bind(context, bean, new HashMap<>(Map.of("requestTimeout", "1m30s",
                "insecure", "true", "handshakeTimeout", "2500")));
        assertThat(bean.getRequestTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(bean.getHandshakeTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(bean.isInsecure()).isTrue();
    }

    private HomeAssistantComponent component() {
        return context.getComponent("homeassistant", HomeAssistantComponent.class);
    }
}
