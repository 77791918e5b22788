package io.hacamel.bridge.homeassistant;

import java.time.Duration;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.simulator.SimulatorRecorder;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CliConnectorFactory;

import static org.awaitility.Awaitility.await;

/**
 * A bare Camel context with the homeassistant component against a simulator of the transcript home of its own, which
 * records every frame it gets. Reconnects come within half a second, for tests that restart the simulator.
 */
final class ComponentTestContext implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "component-test-token";

    final HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN)
            .home(SimulatedHome.transcript()).recordFrames(true));
    final SimulatorRecorder sent = simulator.recorder();
    final DefaultCamelContext context = new DefaultCamelContext();
    final HomeAssistantComponent component = new HomeAssistantComponent();

    ComponentTestContext() {
        component.getConfiguration().setUrl(simulator.httpUrl());
        component.getConfiguration().setToken(TOKEN);
        component.getConfiguration().setReconnectInitialDelay(Duration.ofMillis(100));
        component.getConfiguration().setReconnectMaxDelay(Duration.ofMillis(500));
        context.addComponent("homeassistant", component);
        // Camel's CLI connector (on the classpath for `camel get`) reads the dev consoles from a thread of its own
        // while the context is still starting them: a ConcurrentModificationException on a busy machine
        context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class).setEnabled(false);
    }

    /** Adds a route from {@code uri} to {@code processor}; returns the processor. */
    <P extends Processor> P route(String id, String uri, P processor) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(id).process(processor);
            }
        });
        return processor;
    }

    void awaitReady() {
        await().atMost(WAIT).until(() -> "READY".equals(component.getConnection().state().name()));
    }

    @Override
    public void close() {
        context.stop();
        simulator.close();
    }
}
