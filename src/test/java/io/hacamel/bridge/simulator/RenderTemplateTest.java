package io.hacamel.bridge.simulator;

import static io.hacamel.bridge.simulator.SubscribeTriggerTest.assertNextIsPong;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** render_template as Home Assistant 2023.6's {@code async_track_template_result} drives it. */
class RenderTemplateTest extends SimulatorTestSupport {

    private static final String LEVEL = "input_number.camel_level";

    @Test
    void rendersAgainOnlyWhenAnEntityItReadChangesTheResult() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = render(client, TestClient.command("render_template")
            .put("template", "{{ states('" + LEVEL + "') | float * 2 }}"));
        assertThat(client.nextRaw()).isEqualTo("{\"id\":" + subscription + ",\"type\":\"event\",\"event\":{"
            + "\"result\":100.0,\"listeners\":{\"all\":false,\"entities\":[\"" + LEVEL + "\"],\"domains\":[],"
            + "\"time\":false}}}");

        simulator.home().setState("input_boolean.camel_test", "on");
        ObjectNode attributes = (ObjectNode) simulator.home().state(LEVEL).get("attributes");
        simulator.home().setState(LEVEL, "50.0", attributes.deepCopy().put("max", 99.0));
        assertNextIsPong(client);
        simulator.home().setState(LEVEL, "60.0");

        assertThat(client.next().at("/event/result").asDouble()).isEqualTo(120.0);
    }

    @Test
    void sendsAFailedRenderOnceAsAnErrorThenRecovers() {
        HaSimulator simulator = start();
        simulator.home().addEntity("sensor.outside", "21.5", null);
        TestClient client = authenticated(simulator);
        String template = "{{ states('sensor.outside') | float }}";
        int subscription = render(client, TestClient.command("render_template").put("template", template));
        assertThat(client.next().at("/event/result").asDouble()).isEqualTo(21.5);

        simulator.home().setState("sensor.outside", "unavailable");
        assertThat(client.nextRaw()).isEqualTo("{\"id\":" + subscription + ",\"type\":\"result\",\"success\":false,"
            + "\"error\":{\"code\":\"template_error\",\"message\":\"ValueError: Template error: float got invalid "
            + "input 'unavailable' when rendering template '" + template + "' but no default was specified\"}}");
        simulator.home().setState("sensor.outside", "unknown");
        assertNextIsPong(client);
        simulator.home().setState("sensor.outside", "5");

        assertThat(client.next().path("event").toString()).isEqualTo("{\"result\":5.0,\"listeners\":{\"all\":false,"
            + "\"entities\":[\"sensor.outside\"],\"domains\":[],\"time\":false}}");
    }

    @Test
    void refusesATemplateWhoseFirstRenderFails() {
        TestClient client = authenticated(start());

        int id = client.send(TestClient.command("render_template").put("template", "{{ 1 / 0 }}"));
        assertThat(client.next().path("error").toString())
            .isEqualTo("{\"code\":\"template_error\",\"message\":\"ZeroDivisionError: division by zero\"}");
        client.send(TestClient.command("unsubscribe_events").put("subscription", id));

        assertThat(client.next().at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void sendsTextWithoutJinjaAsItIs() {
        TestClient client = authenticated(start());

        render(client, TestClient.command("render_template").put("template", " 42 "));

        assertThat(client.next().path("event").toString()).isEqualTo("{\"result\":\"42\",\"listeners\":{"
            + "\"all\":false,\"entities\":[],\"domains\":[],\"time\":false}}");
    }

    @Test
    void unsubscribeStopsRendering() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = render(client, TestClient.command("render_template")
            .put("template", "{{ states('" + LEVEL + "') }}"));
        client.next();
        client.result(client.send(TestClient.command("unsubscribe_events").put("subscription", subscription)));

        simulator.home().setState(LEVEL, "70.0");

        assertNextIsPong(client);
    }

    @Test
    void rendersWithItsVariablesAndStrictly() {
        TestClient client = authenticated(start());
        ObjectNode withVariables = TestClient.command("render_template").put("template", "{{ name | upper }}");
        withVariables.putObject("variables").put("name", "camel");
        render(client, withVariables);
        assertThat(client.next().at("/event/result").asText()).isEqualTo("CAMEL");

        client.send(TestClient.command("render_template").put("template", "{{ missing }}").put("strict", true));

        assertThat(client.next().at("/error/message").asText()).isEqualTo("UndefinedError: 'missing' is undefined");
    }

    @Test
    void validatesItsMessage() {
        TestClient client = authenticated(start());

        client.send(TestClient.command("render_template").put("template", 5).put("timeout", "soon"));

        assertThat(client.next().at("/error/message").asText()).isEqualTo(
            "expected float for dictionary value @ data['timeout']. Got 'soon'\n"
                + "expected str for dictionary value @ data['template']. Got 5");
    }

    /** Sends a render_template and returns its id once the result said success. */
    private static int render(TestClient client, ObjectNode message) {
        int id = client.send(message);
        JsonNode result = client.next();
        assertThat(result.toString()).isEqualTo("{\"id\":" + id + ",\"type\":\"result\",\"success\":true,"
            + "\"result\":null}");
        return id;
    }
}
