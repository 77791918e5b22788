package io.hacamel.bridge.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.ServerRefusals;
import io.hacamel.bridge.mqtt.MqttConnection;
import io.hacamel.bridge.mqtt.MqttSettings;
import io.hacamel.bridge.observability.OverviewSection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * The beans of service calls ({@code routes/call-service*.camel.yaml}): the steps the routes call, the circuit
 * breaker registry Camel's {@code circuitBreaker} takes its breaker from (so that it can be watched), the
 * {@code service_calls} section of /status and the status page's {@code breaker} card.
 */
public final class CommandBeans {

    private CommandBeans() {
    }

    /**
     * Service calls from MQTT command topics, on the publishing's MQTT connection: bound after the publishing beans.
     * Without MQTT (or with commands.mqtt.enabled=false) route mqtt-command is left out. In a pair, {@code admission}
     * lets only the leader run them, once per correlation id.
     */
    public static void bindMqtt(CamelContext context, Settings settings, MeterRegistry meters, ObjectMapper json,
            CommandAdmission admission) {
        MqttConnection connection = context.getRegistry().lookupByNameAndType("mqttConnection", MqttConnection.class);
        if (connection == null || !Boolean.parseBoolean(settings.get("commands.mqtt.enabled"))) {
            context.getPropertiesComponent().addOverrideProperty("commands.mqtt.enabled", "false");
            return;
        }
        MqttSettings mqtt = MqttSettings.from(settings);
        context.getRegistry().bind("mqttCommands",
                new MqttCommands(connection, mqtt.baseTopic(), mqtt.qos(), context, json, meters, admission));
    }

    public static void bind(CamelContext context, Settings settings, MeterRegistry meters, ObjectMapper json)
            throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("camel.resilience4j.timeout-enabled").map(Boolean::parseBoolean).orElse(false)) {
            throw new IllegalArgumentException("camel.resilience4j.timeout-enabled must stay false: a timed-out call "
                    + "keeps running and would be sent again over the REST API. Service calls time out after "
                    + "commands.timeout inside the session, which knows whether a call was sent.");
        }
        Registry registry = context.getRegistry();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        registry.bind("commandBreakers", breakers);
        CommandMetrics metrics = new CommandMetrics(meters);
        FallbackPolicy policy = new FallbackPolicy(settings.get("commands.resend-if-unknown"));
        int maxBody = Integer.parseInt(settings.get("camel.server.max-body-size"));
        context.addStartupListener(new ServerRefusals(json, maxBody, meters));
        registry.bind("serviceCalls", new ServiceCalls(json, new ServiceCallParser(maxBody), policy, metrics));
        registry.bind("restServiceCalls", new RestServiceCalls(json, metrics));
        ServiceCallBulkhead bulkhead = new ServiceCallBulkhead(
                Integer.parseInt(settings.get("commands.http.max-concurrent")), meters);
        registry.bind("serviceCallBulkhead", bulkhead);
        CommandBreaker breaker = new CommandBreaker(breakers, meters);
        registry.bind("serviceCallStatus", new ServiceCallStatus(breaker, policy, bulkhead));
        registry.bind("breakerOverview", OverviewSection.of("breaker", () -> breaker.overview(metrics.fallbacks())));
    }
}
