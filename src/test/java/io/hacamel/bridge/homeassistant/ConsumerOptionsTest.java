package io.hacamel.bridge.homeassistant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.testing.ConsumerRecorder;
import io.hacamel.bridge.testing.ConsumerRecorder.Received;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The options of homeassistant:events that choose events: entities and globs, domains, stateChangesOnly, and what a
 * consumer is told at its start and after a reconnect (initialStates, seedStates).
 */
class ConsumerOptionsTest {

    private final ComponentTestContext ha = new ComponentTestContext();
    private final HaSimulator simulator = ha.simulator;
    private final DefaultCamelContext context = ha.context;
    private int routes;

    @AfterEach
    void tearDown() {
        ha.close();
    }

    @Test
    void eachConsumerTakesOnlyTheEventsItsOptionsChoose() throws Exception {
        ConsumerRecorder byEntity = route("homeassistant:events?entities=input_boolean.camel_test,input_number.*_level");
        ConsumerRecorder byDomain = route("homeassistant:events?domains=switch,light");
        ConsumerRecorder statesOnly = route("homeassistant:events?entities=input_number.camel_level&stateChangesOnly=true");
        ConsumerRecorder initial = route("homeassistant:events?entities=input_boolean.*&initialStates=true");
        context.start();

        // initial states: once, for the matching entities only, marked resync; then the end of the resync
        assertThat(initial.next()).isEqualTo(new Received("state_changed", "input_boolean.camel_test", "off", true));
        assertThat(initial.next()).isEqualTo(
                new Received("state_changed", "input_boolean.camel_lamp_state", "off", true));
        initial.nextSynced();
        ha.awaitReady();

        simulator.home().setState("input_number.camel_level", "1.0");
        simulator.home().setState("input_number.camel_level", "1.0",
                JsonNodeFactory.instance.objectNode().put("note", "attributes only"));
        simulator.home().setState("input_number.camel_lamp_brightness", "2.0");
        simulator.home().setState("input_boolean.camel_test", "on"); // switch.camel_switch follows it

        byEntity.nextChange("input_number.camel_level", "1.0");
        byEntity.nextChange("input_number.camel_level", "1.0");
        byEntity.nextChange("input_boolean.camel_test", "on");
        statesOnly.nextChange("input_number.camel_level", "1.0");
        byDomain.nextChange("switch.camel_switch", "on");
        initial.nextChange("input_boolean.camel_test", "on");

        // a last change every consumer takes: nothing else reached any of them before it
        simulator.home().setState("input_number.camel_level", "9.0");
        simulator.home().setState("input_boolean.camel_lamp_state", "on"); // light.camel_lamp follows it
        byEntity.nextChange("input_number.camel_level", "9.0");
        statesOnly.nextChange("input_number.camel_level", "9.0");
        byDomain.nextChange("light.camel_lamp", "on");
        initial.nextChange("input_boolean.camel_lamp_state", "on");
        for (ConsumerRecorder consumer : new ConsumerRecorder[] {byEntity, byDomain, statesOnly, initial}) {
            consumer.assertExhausted();
        }
    }

    @Test
    void initialStatesComeAgainAfterEveryReconnectAndSeedStatesOnlyAtStart() throws Exception {
        String helpers = "homeassistant:events?entities=input_boolean.*";
        ConsumerRecorder everySync = route(helpers + "&initialStates=true");
        ConsumerRecorder seeded = route(helpers + "&seedStates=true");
        ConsumerRecorder changesOnly = route(helpers);
        context.start();

        for (ConsumerRecorder atStart : List.of(everySync, seeded)) {
            assertThat(atStart.next()).isEqualTo(new Received("state_changed", "input_boolean.camel_test", "off", true));
            assertThat(atStart.next()).isEqualTo(
                    new Received("state_changed", "input_boolean.camel_lamp_state", "off", true));
            atStart.nextSynced();
        }

        simulator.restart(home -> home.setState("input_boolean.camel_test", "on"));

        // every state again: the one that changed meanwhile with its old state, the other without one
        Map<String, String> oldStates = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Received state = everySync.next();
            assertThat(state.resync()).isTrue();
            oldStates.put(state.entityId() + "=" + state.state(), everySync.lastOldState());
        }
        assertThat(oldStates).containsOnly(Map.entry("input_boolean.camel_test=on", "off"),
                entry("input_boolean.camel_lamp_state=off", null));
        everySync.nextSynced();
        // only what changed meanwhile
        for (ConsumerRecorder changes : List.of(seeded, changesOnly)) {
            assertThat(changes.next()).isEqualTo(new Received("state_changed", "input_boolean.camel_test", "on", true));
            assertThat(changes.lastOldState()).isEqualTo("off");
            changes.nextSynced();
        }

        simulator.home().setState("input_boolean.camel_lamp_state", "on");
        for (ConsumerRecorder consumer : List.of(everySync, seeded, changesOnly)) {
            consumer.nextChange("input_boolean.camel_lamp_state", "on");
            consumer.assertExhausted();
        }
    }

    @Test
    void globsMatchAnyCharactersOrOne() {
        assertThat(HomeAssistantEventFilter.globMatches("sensor.*_battery", "sensor.door_battery")).isTrue();
        assertThat(HomeAssistantEventFilter.globMatches("sensor.*_battery", "sensor._battery")).isTrue();
        assertThat(HomeAssistantEventFilter.globMatches("sensor.*_battery", "sensor.door_battery_level")).isFalse();
        assertThat(HomeAssistantEventFilter.globMatches("*.kitchen_*", "light.kitchen_ceiling")).isTrue();
        assertThat(HomeAssistantEventFilter.globMatches("light.lamp_?", "light.lamp_1")).isTrue();
        assertThat(HomeAssistantEventFilter.globMatches("light.lamp_?", "light.lamp_12")).isFalse();
        assertThat(HomeAssistantEventFilter.globMatches("light.*", "switch.light")).isFalse();
    }

    private ConsumerRecorder route(String uri) throws Exception {
        return ha.route("consumer-" + ++routes, uri, new ConsumerRecorder());
    }
}
