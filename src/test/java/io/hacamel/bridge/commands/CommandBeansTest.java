package io.hacamel.bridge.commands;

import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of service calls are checked when the bridge starts. */
class CommandBeansTest {

    @Test
    void bindsTheServiceCallSteps() throws Exception {
        try (DefaultCamelContext context = context(new Properties())) {
            CommandBeans.bind(context, new Settings(context.getPropertiesComponent()), new SimpleMeterRegistry(),
                    new ObjectMapper());

            assertThat(context.getRegistry().lookupByName("serviceCalls")).isInstanceOf(ServiceCalls.class);
            assertThat(context.getRegistry().lookupByName("serviceCallBulkhead"))
                    .isInstanceOf(ServiceCallBulkhead.class);
        }
    }

    @Test
    void refusesABulkheadThatWouldTakeEveryWorkerThreadOfTheHttpServer() throws Exception {
        Properties properties = new Properties();
        properties.put("commands.http.max-concurrent", "20");
        try (DefaultCamelContext context = context(properties)) {
            assertThatThrownBy(() -> CommandBeans.bind(context, new Settings(context.getPropertiesComponent()),
                    new SimpleMeterRegistry(), new ObjectMapper()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 19");
        }
    }

    @Test
    void refusesResilience4jsTimeoutWhichWouldSendACallTwice() throws Exception {
        Properties properties = new Properties();
        properties.put("camel.resilience4j.timeout-enabled", "true");
        try (DefaultCamelContext context = context(properties)) {
            assertThatThrownBy(() -> CommandBeans.bind(context, new Settings(context.getPropertiesComponent()),
                    new SimpleMeterRegistry(), new ObjectMapper()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout-enabled must stay false");
        }
    }

    @Test
    void refusesAResendEntryThatIsNoService() throws Exception {
        Properties properties = new Properties();
        properties.put("commands.resend-if-unknown", "light.turn_on;rm");
        try (DefaultCamelContext context = context(properties)) {
            assertThatThrownBy(() -> CommandBeans.bind(context, new Settings(context.getPropertiesComponent()),
                    new SimpleMeterRegistry(), new ObjectMapper()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commands.resend-if-unknown");
        }
    }

    private static DefaultCamelContext context(Properties overrides) {
        Properties properties = new Properties();
        properties.put("commands.timeout", "1m30s");
        properties.put("commands.resend-if-unknown", "");
        properties.put("camel.server.max-body-size", "65536");
        properties.put("commands.http.max-concurrent", "10");
        properties.putAll(overrides);
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }
}
