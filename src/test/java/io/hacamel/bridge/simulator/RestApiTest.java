package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestApiTest extends SimulatorTestSupport {

    @Test
    void answersStatusConfigAndStatesLikeTheRecordedSession() {
        HaSimulator simulator = start();
        RestClient rest = new RestClient(simulator.httpUrl());

        HttpResponse<String> status = rest.get("/api/");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(TestClient.parse(status.body())).isEqualTo(Transcript.line(34).path("body"));
        assertThat(rest.get("/api/config").body())
            .isEqualTo(TestClient.parse(Transcript.raw(15)).path("result").toString());
        assertThat(TestClient.parse(rest.get("/api/states").body()))
            .isEqualTo(TestClient.parse(Transcript.raw(13)).path("result"));
        assertThat(TestClient.parse(rest.get("/api/services").body()).get(0).path("domain").asText())
            .isEqualTo("homeassistant");
    }

    @Test
    void answersUnknownEntitiesWith404() {
        RestClient rest = new RestClient(start().httpUrl());

        HttpResponse<String> missing = rest.get("/api/states/light.does_not_exist");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestClient.parse(missing.body())).isEqualTo(Transcript.line(44).path("body"));
    }

    @Test
    void refusesABadOrMissingToken() {
        HaSimulator simulator = start();
        RestClient rest = new RestClient(simulator.httpUrl());

        HttpResponse<String> bad = rest.get("/api/states", "nope");
        HttpResponse<String> missing = rest.get("/api/states", null);

        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo(Transcript.line(51).path("body").asText());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(rest.get("/api/nothing/here").statusCode()).isEqualTo(404);
        assertThat(simulator.stats().restRequests()).isEqualTo(3);
    }

    @Test
    void callsServicesReturningTheChangedStatesAndFiringEvents() {
        HaSimulator simulator = start();
        RestClient rest = new RestClient(simulator.httpUrl());
        TestClient client = authenticated(simulator);
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);

        HttpResponse<String> toggled = rest.post("/api/services/input_boolean/toggle",
            "{\"entity_id\": \"input_boolean.camel_test\"}");

        assertThat(toggled.statusCode()).isEqualTo(200);
        JsonNode changed = TestClient.parse(toggled.body());
        assertThat(changed).extracting(state -> state.path("entity_id").asText())
            .containsExactly("input_boolean.camel_test", "switch.camel_switch");
        assertThat(changed.get(0).path("context").path("user_id").asText()).isEqualTo(HaContext.OWNER_USER_ID);
        assertThat(client.next().path("event").path("data").path("entity_id").asText())
            .isEqualTo("input_boolean.camel_test");
        assertThat(client.next().path("event").path("data").path("entity_id").asText())
            .isEqualTo("switch.camel_switch");
        assertThat(TestClient.parse(rest.get("/api/states/input_boolean.camel_test").body()))
            .isEqualTo(changed.get(0));
        assertThat(simulator.stats().restExecutions("input_boolean.toggle")).isEqualTo(1);
        assertThat(simulator.stats().wsExecutions("input_boolean.toggle")).isZero();
    }

    @Test
    void turnsTheTemplateLampOffLikeTheRecordedSession() {
        HaSimulator simulator = start();
        simulator.home().setState("input_boolean.camel_lamp_state", "on");
        RestClient rest = new RestClient(simulator.httpUrl());

        JsonNode changed = TestClient.parse(rest.post("/api/services/light/turn_off",
            "{\"entity_id\": \"light.camel_lamp\"}").body());

        List<String> recorded = List.of("input_boolean.camel_lamp_state", "light.camel_lamp");
        assertThat(changed).extracting(state -> state.path("entity_id").asText()).isEqualTo(recorded);
        assertThat(changed.get(1).path("attributes"))
            .isEqualTo(Transcript.line(40).path("body").get(1).path("attributes"));
    }

    @Test
    void wrapsTheServiceResponseWhenAsked() {
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.demo()));
        RestClient rest = new RestClient(simulator.httpUrl());

        HttpResponse<String> forecast = rest.post("/api/services/weather/get_forecasts?return_response",
            "{\"entity_id\": \"weather.home\", \"type\": \"daily\"}");
        HttpResponse<String> notAsked = rest.post("/api/services/weather/get_forecasts",
            "{\"entity_id\": \"weather.home\", \"type\": \"daily\"}");
        HttpResponse<String> noResponse = rest.post("/api/services/light/turn_on?return_response",
            "{\"entity_id\": \"light.hallway\"}");

        JsonNode body = TestClient.parse(forecast.body());
        assertThat(body.path("changed_states").isArray()).isTrue();
        assertThat(body.path("service_response").path("weather.home").path("forecast")).hasSize(5);
        assertThat(notAsked.statusCode()).isEqualTo(400);
        assertThat(TestClient.parse(notAsked.body()).path("message").asText()).isEqualTo("Service call requires "
            + "responses but caller did not ask for responses. Add ?return_response to query parameters.");
        assertThat(noResponse.statusCode()).isEqualTo(400);
        assertThat(TestClient.parse(noResponse.body()).path("message").asText())
            .isEqualTo("Service does not support responses. Remove return_response from request.");
    }

    @Test
    void answersUnknownServicesAndBadDataWith400() {
        RestClient rest = new RestClient(start().httpUrl());

        HttpResponse<String> unknown = rest.post("/api/services/input_boolean/does_not_exist", "{}");
        HttpResponse<String> badData = rest.post("/api/services/light/turn_on",
            "{\"entity_id\": \"light.camel_lamp\", \"brightness_pct\": 300}");
        HttpResponse<String> notJson = rest.post("/api/services/light/turn_on", "{");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("400: Bad Request");
        assertThat(badData.statusCode()).isEqualTo(400);
        assertThat(TestClient.parse(notJson.body()).path("message").asText()).isEqualTo("Data should be valid JSON.");
    }

    @Test
    void writesStatesCreatingThemWith201() {
        HaSimulator simulator = start();
        RestClient rest = new RestClient(simulator.httpUrl());

        HttpResponse<String> created = rest.post("/api/states/sensor.outside",
            "{\"state\": \"12.5\", \"attributes\": {\"unit_of_measurement\": \"°C\"}}");
        HttpResponse<String> updated = rest.post("/api/states/sensor.outside", "{\"state\": \"13.0\"}");
        HttpResponse<String> noState = rest.post("/api/states/sensor.outside", "{}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/states/sensor.outside");
        assertThat(TestClient.parse(created.body()).path("attributes").path("unit_of_measurement").asText())
            .isEqualTo("°C");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(simulator.home().state("sensor.outside").path("state").asText()).isEqualTo("13.0");
        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(TestClient.parse(noState.body()).path("message").asText()).isEqualTo("No state specified.");
        assertThat(rest.delete("/api/states/sensor.outside").statusCode()).isEqualTo(200);
        assertThat(simulator.home().state("sensor.outside")).isNull();
    }

    @Test
    void firesEvents() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "camel_rest")));

        HttpResponse<String> fired = new RestClient(simulator.httpUrl()).post("/api/events/camel_rest", "{\"a\": 1}");

        assertThat(TestClient.parse(fired.body()).path("message").asText()).isEqualTo("Event camel_rest fired.");
        assertThat(client.next().path("event").path("data").path("a").asInt()).isEqualTo(1);
    }
}
