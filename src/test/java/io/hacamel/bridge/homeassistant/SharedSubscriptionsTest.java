package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatorRecorder;
import io.hacamel.bridge.testing.ConsumerRecorder;
import io.hacamel.bridge.testing.ConsumerRecorder.Received;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers of one component share the session: one Home Assistant subscription per event type and one get_states
 * per (re)connect, however many routes listen; the last consumer of a type to stop ends its subscription.
 */
class SharedSubscriptionsTest {

    private static final Duration WAIT = ComponentTestContext.WAIT;
    /** The transcript home's entities. */
    private static final int ENTITIES = 6;

    private final ComponentTestContext ha = new ComponentTestContext();
    private final HaSimulator simulator = ha.simulator;
    private final SimulatorRecorder sent = ha.sent;
    private final DefaultCamelContext context = ha.context;

    @AfterEach
    void tearDown() {
        ha.close();
    }

    @Test
    void tenConsumersCostOneSubscriptionPerEventTypeAndOneResyncPerConnect() throws Exception {
        List<ConsumerRecorder> consumers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String types = i % 2 == 0 ? "state_changed" : "state_changed,service_registered";
            consumers.add(route("consumer-" + i, "homeassistant:events?initialStates=true&types=" + types));
        }
        context.start();

        int[] ids = expectConnect("state_changed", "service_registered");
        for (ConsumerRecorder consumer : consumers) {
            for (int i = 0; i < ENTITIES; i++) {
                assertThat(consumer.next().resync()).isTrue();
            }
            consumer.nextSynced();
        }
        sent.assertExhausted();

        simulator.home().setState("input_number.camel_level", "1.0");
        simulator.home().setState("input_number.camel_lamp_brightness", "2.0");
        simulator.home().setState("input_number.camel_level", "3.0");
        for (ConsumerRecorder consumer : consumers) {
            // every consumer in Home Assistant's order
            consumer.nextChange("input_number.camel_level", "1.0");
            consumer.nextChange("input_number.camel_lamp_brightness", "2.0");
            consumer.nextChange("input_number.camel_level", "3.0");
        }

        simulator.faults().dropConnections();

        ids = expectConnect("state_changed", "service_registered");
        for (ConsumerRecorder consumer : consumers) {
            skipInitialStates(consumer); // initialStates: every state again after a reconnect, from the one get_states
            consumer.assertExhausted();
        }
        sent.assertExhausted();

        for (int i = 0; i < 9; i++) {
            context.getRouteController().stopRoute("consumer-" + i);
        }
        context.getRouteController().stopRoute("consumer-9");

        // nothing until the last consumer of each type stopped; then both subscriptions end
        assertThat(sent.nextInbound("unsubscribe_events", WAIT).message().path("subscription").asInt())
                .isEqualTo(ids[0]);
        assertThat(sent.nextInbound("unsubscribe_events", WAIT).message().path("subscription").asInt())
                .isEqualTo(ids[1]);
        sent.assertExhausted();
    }

    @Test
    void consumersThatJoinARunningSessionAreSeededFromWhatItKnows() throws Exception {
        ConsumerRecorder first = route("first", "homeassistant:events?initialStates=true");
        context.start();
        expectConnect("state_changed");
        skipInitialStates(first);

        ConsumerRecorder withStates = route("with-states", "homeassistant:events?initialStates=true");
        ConsumerRecorder changesOnly = route("changes-only", "homeassistant:events");
        for (int i = 0; i < ENTITIES; i++) {
            Received initial = withStates.next();
            assertThat(initial.eventType()).isEqualTo("state_changed");
            assertThat(initial.resync()).isTrue();
        }
        withStates.nextSynced();
        ConsumerRecorder services = route("services", "homeassistant:events?types=service_registered");
        assertThat(sent.nextInbound("subscribe_events", WAIT).message().path("event_type").asText())
                .isEqualTo("service_registered");

        simulator.home().setState("input_number.camel_level", "7.0");

        for (ConsumerRecorder consumer : List.of(first, withStates, changesOnly)) {
            consumer.nextChange("input_number.camel_level", "7.0");
            consumer.assertExhausted();
        }
        services.assertExhausted();
        sent.assertExhausted(); // no get_states for any of them
    }

    private ConsumerRecorder route(String id, String uri) throws Exception {
        return ha.route(id, uri, new ConsumerRecorder());
    }

    /** The messages of one connect, one subscribe_events per type; returns the ids of the subscriptions. */
    private int[] expectConnect(String... eventTypes) {
        sent.nextInbound("auth", WAIT);
        sent.nextInbound("supported_features", WAIT);
        int[] ids = new int[eventTypes.length];
        for (int i = 0; i < eventTypes.length; i++) {
            SimulatorRecorder.Inbound subscribe = sent.nextInbound("subscribe_events", WAIT);
            assertThat(subscribe.message().path("event_type").asText()).isEqualTo(eventTypes[i]);
            ids[i] = subscribe.message().path("id").asInt();
        }
        sent.nextInbound("get_states", WAIT);
        return ids;
    }

    private static void skipInitialStates(ConsumerRecorder consumer) {
        for (int i = 0; i < ENTITIES; i++) {
            consumer.next();
        }
        consumer.nextSynced();
    }
}
