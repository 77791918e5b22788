package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatorRecorder;
import io.hacamel.bridge.testing.MessageRecorder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * homeassistant:trigger against the simulator: subscribe_trigger as in transcript-ha-2023.6.3-automation.jsonl, one
 * exchange per firing, made again after Home Assistant restarts, unsubscribe_events when the route stops.
 */
class TriggerConsumerTest {

    private static final Duration WAIT = ComponentTestContext.WAIT;
    private static final String HELD_ON = "{\"platform\": \"state\", \"entity_id\": \"input_boolean.camel_test\", "
            + "\"to\": \"on\", \"for\": {\"seconds\": 1}, \"id\": \"held\"}";

    private final ComponentTestContext ha = new ComponentTestContext();
    private final HaSimulator simulator = ha.simulator;
    private final SimulatorRecorder sent = ha.sent;
    private final DefaultCamelContext context = ha.context;

    @AfterEach
    void tearDown() {
        ha.close();
    }

    @Test
    void aStateTriggerWithForFiresWhenHeldIsMadeAgainAfterARestartAndEndsWithItsRoute() throws Exception {
        MessageRecorder fired = route("held-on", "homeassistant:trigger?trigger=RAW(" + HELD_ON + ")");
        context.start();
        JsonNode subscribe = expectConnect(1);

        assertThat(subscribe.path("trigger")).isEqualTo(new ObjectMapper().readTree(HELD_ON));
        simulator.home().setState("input_boolean.camel_test", "on");

        Message firing = fired.next();
        assertThat(firing.getHeaders()).containsEntry(HomeAssistantConstants.TRIGGER_ID, "held")
                .containsEntry(HomeAssistantConstants.ENTITY_ID, "input_boolean.camel_test")
                .containsEntry(HomeAssistantConstants.DOMAIN, "input_boolean")
                .containsEntry(HomeAssistantConstants.OLD_STATE, "off")
                .containsEntry(HomeAssistantConstants.STATE, "on");
        JsonNode variables = firing.getBody(JsonNode.class);
        assertThat(variables.path("trigger").path("platform").asText()).isEqualTo("state");
        assertThat(variables.path("trigger").path("for").path("total_seconds").asDouble()).isEqualTo(1.0);

        simulator.restart(home -> home.setState("input_boolean.camel_test", "off"));
        int id = expectConnect(2).path("id").asInt();
        simulator.home().setState("input_boolean.camel_test", "on");
        assertThat(fired.next().getHeader(HomeAssistantConstants.STATE)).isEqualTo("on");

        context.getRouteController().stopRoute("held-on");
        assertThat(sent.nextInbound("unsubscribe_events", WAIT).message().path("subscription").asInt()).isEqualTo(id);
        fired.assertExhausted();
        sent.assertExhausted();
    }

    @Test
    void aTriggerHomeAssistantRefusesIsReportedAndTheSessionGoesOn() throws Exception {
        ExceptionRecorder refusals = new ExceptionRecorder();
        context.getRegistry().bind("refusals", refusals);
        route("refused",
                "homeassistant:trigger?exceptionHandler=#refusals&trigger=RAW({\"platform\": \"no_such_platform\"})");
        MessageRecorder fired = route("held-on", "homeassistant:trigger?trigger=RAW(" + HELD_ON + ")");
        context.start();

        assertThat(refusals.next()).contains("route refused").contains("Invalid platform 'no_such_platform' specified");
        context.createProducerTemplate().requestBody("homeassistant:get-config", (Object) null); // both handled
        simulator.home().setState("input_boolean.camel_test", "on");
        assertThat(fired.next().getHeader(HomeAssistantConstants.TRIGGER_ID)).isEqualTo("held");
        assertThat(simulator.stats().totalConnections()).isEqualTo(1);
    }

    @Test
    void aTriggerIsYamlInFlowStyleOrJsonAndAnythingElseStopsTheRouteFromStarting() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode yaml = HomeAssistantTriggerConsumer.parse(
                "{platform: state, entity_id: binary_sensor.front_door, to: on, for: '00:00:30'}", mapper);
        assertThat(yaml.toString()).isEqualTo("{\"platform\":\"state\",\"entity_id\":\"binary_sensor.front_door\","
                + "\"to\":\"on\",\"for\":\"00:00:30\"}");
        assertThat(HomeAssistantTriggerConsumer.parse("[{\"platform\": \"event\", \"event_type\": \"x\"}]", mapper))
                .hasSize(1);

        context.start();
        assertThatThrownBy(() -> route("no-platform", "homeassistant:trigger?trigger=RAW(entity_id: light.x)"))
                .hasStackTraceContaining("each trigger must be a mapping with a platform");
        assertThatThrownBy(() -> route("bad-yaml", "homeassistant:trigger?trigger=RAW({platform: [)"))
                .hasStackTraceContaining("the trigger is no valid YAML or JSON");
        assertThatThrownBy(() -> route("none", "homeassistant:trigger"))
                .hasStackTraceContaining("homeassistant:trigger needs the trigger option");
    }

    /**
     * The frames of a connect, the trigger's subscription among them; returns that subscribe_trigger. Waits for the
     * answer to a later command, so that the simulator has attached the trigger before the test changes a state.
     */
    private JsonNode expectConnect(int connection) {
        assertThat(sent.nextInbound("auth", WAIT).connection()).isEqualTo(connection);
        sent.nextInbound("supported_features", WAIT);
        JsonNode subscribe = sent.nextInbound("subscribe_trigger", WAIT).message();
        ha.awaitReady();
        context.createProducerTemplate().requestBody("homeassistant:get-config", (Object) null);
        sent.nextInbound("get_config", WAIT);
        return subscribe;
    }

    private MessageRecorder route(String id, String uri) throws Exception {
        return ha.route(id, uri, new MessageRecorder());
    }

    /** What a consumer reported to its exception handler, in order. */
    private static final class ExceptionRecorder implements ExceptionHandler {

        private final BlockingQueue<String> reported = new LinkedBlockingQueue<>();

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            reported.add(message + ": " + exception.getMessage());
        }

        String next() throws InterruptedException {
            String next = reported.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("a reported exception within " + WAIT).isNotNull();
            return next;
        }
    }
}
