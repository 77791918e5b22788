package io.hacamel.bridge;

import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The durations routes hand to endpoint options that take milliseconds are written as 10s and seen as 10000. */
class RouteDurationsTest {

    @Test
    void theRoutesSeeMilliseconds() throws Exception {
        try (DefaultCamelContext context = context("1m30s")) {
            BridgeConfiguration.resolveRouteDurations(context.getPropertiesComponent());

            assertThat(context.resolvePropertyPlaceholders("{{webhooks.response-timeout}}")).isEqualTo("90000");
            assertThat(context.resolvePropertyPlaceholders("{{webhooks.connect-timeout}}")).isEqualTo("5000");
            assertThat(context.resolvePropertyPlaceholders("{{commands.timeout}}"))
                    .as("the homeassistant endpoint reads Camel's durations itself").isEqualTo("5s");
            assertThat(context.resolvePropertyPlaceholders("{{ha.rest.connect-timeout}}")).isEqualTo("500");
        }
    }

    @Test
    void aDurationThatIsNoneStopsTheStartWithItsKey() throws Exception {
        try (DefaultCamelContext context = context("soon")) {
            assertThatThrownBy(() -> BridgeConfiguration.resolveRouteDurations(context.getPropertiesComponent()))
                    .hasMessageContaining("webhooks.response-timeout");
        }
    }

    private static DefaultCamelContext context(String webhookResponseTimeout) {
        Properties properties = new Properties();
        properties.put("commands.timeout", "5s");
        properties.put("webhooks.connect-timeout", "5s");
        properties.put("webhooks.response-timeout", webhookResponseTimeout);
        properties.put("ha.rest.connect-timeout", "500");
        properties.put("ha.rest.response-timeout", "10s");
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }
}
