package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.client.HaErrorCode;
import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.client.HaException;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatorRecorder;
import io.hacamel.bridge.support.InvalidInputException;
import io.hacamel.bridge.testing.MessageRecorder;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producers automations use, against the simulator, with the frames Home Assistant gets from each: get-state,
 * get-states, fire-event and render-template (transcript-ha-2023.6.3-automation.jsonl).
 */
class ProducersTest {

    private static final Duration WAIT = ComponentTestContext.WAIT;

    private final ComponentTestContext ha = new ComponentTestContext();
    private final HaSimulator simulator = ha.simulator;
    private final SimulatorRecorder sent = ha.sent;
    private ProducerTemplate producer;

    @AfterEach
    void tearDown() {
        ha.close();
    }

    @Test
    void getStateReadsTheStatesTheSessionFollowsWithoutAMessage() throws Exception {
        MessageRecorder changes = ha.route("changes", "homeassistant:events", new MessageRecorder());
        start();
        sent.nextInbound("subscribe_events", WAIT);
        sent.nextInbound("get_states", WAIT);

        Message level = request("homeassistant:get-state?entityId=input_number.camel_level", null, Map.of());
        assertThat(level.getBody(JsonNode.class).path("attributes").path("initial").asDouble()).isEqualTo(50.0);
        assertThat(level.getHeaders()).containsEntry(HomeAssistantConstants.STATE, "50.0")
                .containsEntry(HomeAssistantConstants.ENTITY_ID, "input_number.camel_level")
                .containsEntry(HomeAssistantConstants.DOMAIN, "input_number");
        // without the option, the header says which entity
        assertThat(request("homeassistant:get-state", null,
                Map.of(HomeAssistantConstants.ENTITY_ID, "input_boolean.camel_test"))
                .getHeader(HomeAssistantConstants.STATE)).isEqualTo("off");

        simulator.home().setState("input_number.camel_level", "60.0");
        changes.next();
        assertThat(request("homeassistant:get-state?entityId=input_number.camel_level", null, Map.of())
                .getHeader(HomeAssistantConstants.STATE)).isEqualTo("60.0");

        assertThatThrownBy(() -> request("homeassistant:get-state?entityId=light.nowhere", null, Map.of()))
                .cause().isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.haCode()).isEqualTo("not_found");
                    assertThat(e.getMessage()).contains("light.nowhere");
                });
        assertThatThrownBy(() -> request("homeassistant:get-state", null,
                Map.of(HomeAssistantConstants.ENTITY_ID, "Light.Kitchen")))
                .cause().isInstanceOf(InvalidInputException.class).hasMessageContaining("entity_id");
        sent.assertExhausted();
    }

    @Test
    void getStateAndGetStatesAskHomeAssistantWhenTheSessionFollowsNoStates() throws Exception {
        start();

        assertThat(request("homeassistant:get-state?entityId=switch.camel_switch", null, Map.of())
                .getHeader(HomeAssistantConstants.STATE)).isEqualTo("off");
        sent.nextInbound("get_states", WAIT);
        JsonNode states = request("homeassistant:get-states", null, Map.of()).getBody(JsonNode.class);
        assertThat(states).hasSize(6);
        sent.nextInbound("get_states", WAIT);
        sent.assertExhausted();
    }

    @Test
    void fireEventFiresWhatSubscribersOfItsTypeGet() throws Exception {
        MessageRecorder custom = ha.route("custom", "homeassistant:events?types=camel_custom", new MessageRecorder());
        start();
        sent.nextInbound("subscribe_events", WAIT);

        Message fired = request("homeassistant:fire-event?eventType=camel_custom", "{\"door\": \"front\", \"n\": 1}",
                Map.of());

        // as in the recorded session: {"type": "fire_event", "event_type": "camel_custom", "event_data": {...}}
        JsonNode frame = sent.nextInbound("fire_event", WAIT).message();
        assertThat(frame.path("event_type").asText()).isEqualTo("camel_custom");
        assertThat(frame.path("event_data").toString()).isEqualTo("{\"door\":\"front\",\"n\":1}");
        HaEvent event = custom.next().getBody(HaEvent.class);
        assertThat(event.event().path("data").toString()).isEqualTo("{\"door\":\"front\",\"n\":1}");
        assertThat(fired.getHeader(HomeAssistantConstants.CONTEXT_ID))
                .isEqualTo(event.event().path("context").path("id").asText());

        // the type from the header, no data
        request("homeassistant:fire-event", null, Map.of(HomeAssistantConstants.EVENT_TYPE, "camel_custom"));
        assertThat(sent.nextInbound("fire_event", WAIT).message().has("event_data")).isFalse();
        assertThat(custom.next().getBody(HaEvent.class).event().path("data").isEmpty()).isTrue();

        assertThatThrownBy(() -> request("homeassistant:fire-event", "{}", Map.of()))
                .cause().isInstanceOf(InvalidInputException.class).hasMessageContaining("event type");
        custom.assertExhausted();
        sent.assertExhausted();
    }

    @Test
    void renderTemplateTakesTheFirstResultAndUnsubscribesAtOnce() throws Exception {
        start();

        Object doubled = request("homeassistant:render-template", "{{ states('input_number.camel_level') | float * 2 }}",
                Map.of()).getBody();

        assertThat(doubled).isEqualTo(100.0);
        int id = sent.nextInbound("render_template", WAIT).message().path("id").asInt();
        assertThat(sent.nextInbound("unsubscribe_events", WAIT).message().path("subscription").asInt()).isEqualTo(id);

        assertThat(request("homeassistant:render-template", Map.of("template", "{{ x * 2 }}", "variables",
                Map.of("x", 21)), Map.of()).getBody()).isEqualTo(42);
        assertThat(sent.nextInbound("render_template", WAIT).message().path("variables").path("x").asInt()).isEqualTo(21);
        sent.nextInbound("unsubscribe_events", WAIT);
        assertThat(request("homeassistant:render-template", "Level {{ states('input_number.camel_level') }}",
                Map.of()).getBody()).isEqualTo("Level 50.0");
        sent.nextInbound("render_template", WAIT);
        sent.nextInbound("unsubscribe_events", WAIT);

        // a template Home Assistant cannot compile is its template_error, and there is nothing to unsubscribe
        assertThatThrownBy(() -> request("homeassistant:render-template", "{{ states('input_number.camel_level' }}",
                Map.of())).cause().isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.code()).isEqualTo(HaErrorCode.HOME_ASSISTANT_ERROR);
                    assertThat(e.haCode()).isEqualTo("template_error");
                    assertThat(e.getMessage()).isEqualTo("TemplateSyntaxError: unexpected '}', expected ')'");
                });
        sent.nextInbound("render_template", WAIT);
        simulator.home().setState("input_number.camel_level", "70.0");
        assertThat(request("homeassistant:render-template", "{{ states('input_number.camel_level') }}", Map.of())
                .getBody()).isEqualTo(70.0);
        sent.nextInbound("render_template", WAIT);
        sent.nextInbound("unsubscribe_events", WAIT);
        sent.assertExhausted();
    }

    private void start() {
        ha.context.start();
        producer = ha.context.createProducerTemplate();
        ha.awaitReady();
        sent.nextInbound("auth", WAIT);
        sent.nextInbound("supported_features", WAIT);
    }

    private Message request(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = producer.request(uri, in -> {
            in.getMessage().setBody(body);
            in.getMessage().setHeaders(new HashMap<>(headers));
        });
        if (exchange.getException() != null) {
            throw new CamelExecutionException("failed", exchange, exchange.getException());
        }
        return exchange.getMessage();
    }
}
