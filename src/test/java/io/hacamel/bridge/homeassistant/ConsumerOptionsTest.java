package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.ConsumerRecorder;
import io.hacamel.bridge.testing.ConsumerRecorder.Received;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The options of homeassistant:events that choose events: entities and globs, domains, stateChangesOnly, and what a
 * consumer is told at its start and after a reconnect (initialStates, seedStates).
 */
class ConsumerOptionsTest {

    private static final String TOKEN = "consumer-options-token";

    private final HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token(TOKEN)
            .home(SimulatedHome.transcript()));
    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void tearDown() {
        context.stop();
        simulator.close();
    }

    @Test
    void eachConsumerTakesOnlyTheEventsItsOptionsChoose() throws Exception {
        HomeAssistantComponent component = new HomeAssistantComponent();
        component.getConfiguration().setUrl(simulator.httpUrl());
        component.getConfiguration().setToken(TOKEN);
        context.addComponent("homeassistant", component);
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
        await().atMost(Duration.ofSeconds(10)).until(() -> "READY".equals(component.getConnection().state().name()));

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
        HomeAssistantComponent component = new HomeAssistantComponent();
        component.getConfiguration().setUrl(simulator.httpUrl());
        component.getConfiguration().setToken(TOKEN);
        component.getConfiguration().setReconnectInitialDelay(Duration.ofMillis(100));
        component.getConfiguration().setReconnectMaxDelay(Duration.ofMillis(500));
        context.addComponent("homeassistant", component);
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
        ConsumerRecorder recorder = new ConsumerRecorder();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(recorder);
            }
        });
        return recorder;
    }
}
