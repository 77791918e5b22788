package io.hacamel.bridge.commands;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.ApiClient.Answer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/services/{domain}/{service} over the session: answers, Home Assistant's errors, timeouts, bad input. */
class ServiceCallApiTest extends ServiceCallTestSupport {

    @Override
    protected SimulatorOptions simulatorOptions(SimulatorOptions options) {
        return options.recordFrames(true);
    }

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("commands.timeout", "2s");
        properties.put("ha.ping-interval", "10m"); // so that every frame the simulator receives is the test's
    }

    @Test
    void callsAServiceOverTheSession() {
        awaitReady();
        assertThat(state("light.hallway")).isEqualTo("on");

        Answer answer = call("light", "turn_off", "{\"target\": {\"entity_id\": \"light.hallway\"}}");

        assertSucceeded(answer, "websocket");
        assertThat(state("light.hallway")).isEqualTo("off");
        assertThat(answer.body().path("context_id").asText()).isEqualTo(contextOf("light.hallway"));
        assertThat(answer.body().path("domain").asText()).isEqualTo("light");
        assertThat(answer.body().path("service").asText()).isEqualTo("turn_off");
        assertThat(answer.body().has("response")).isFalse();
        assertThat(answer.body().has("fallback_reason")).isFalse();
        assertThat(simulator.stats().wsExecutions("light.turn_off")).isEqualTo(1);
        assertThat(simulator.stats().restRequests()).isZero();
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"success\",via=\"websocket\"}")).isEqualTo(1);
    }

    @Test
    void yourOwnRoutesCallThroughDirectCallServiceWithOnlyTheDomainAndServiceHeadersGoingIn() {
        awaitReady();

        Exchange answer = template.request("direct:call-service", exchange -> {
            exchange.getMessage().setHeader(HomeAssistantConstants.DOMAIN, "light");
            exchange.getMessage().setHeader(HomeAssistantConstants.SERVICE, "turn_off");
            // would ask for a response that light.turn_off does not give, and Home Assistant would refuse the call
            exchange.getMessage().setHeader(HomeAssistantConstants.RETURN_RESPONSE, true);
            exchange.getMessage().setBody("{\"target\": {\"entity_id\": \"light.hallway\"}}");
        });

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(answer.getMessage().getHeader(HomeAssistantConstants.CONTEXT_ID)).isNotNull();
        assertThat(state("light.hallway")).isEqualTo("off");
    }

    @Test
    void answersWithTheServiceResponseAndTheCorrelationId() {
        awaitReady();

        Answer answer = call("weather", "get_forecasts", """
                {"target": {"entity_id": "weather.home"}, "service_data": {"type": "daily"},
                 "return_response": true, "correlation_id": "kitchen-panel-42"}""");

        assertSucceeded(answer, "websocket");
        assertThat(answer.body().path("response").path("weather.home").path("forecast").size()).isPositive();
        assertThat(answer.body().path("correlation_id").asText()).isEqualTo("kitchen-panel-42");
    }

    @Test
    void homeAssistantsOwnErrorsComeBackWithItsCodeAndDoNotCountAgainstTheSession() {
        awaitReady();

        Answer unknown = call("light", "does_not_exist", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("ha_error_code").asText()).isEqualTo("not_found");
        assertThat(unknown.body().path("outcome").asText()).isEqualTo("rejected");
        assertThat(unknown.body().path("via").asText()).isEqualTo("websocket");

        Answer badData = call("light", "turn_on", "{\"service_data\": {\"brightness\": \"bright\"}, "
                + "\"target\": {\"entity_id\": \"light.hallway\"}}");
        assertThat(badData.status()).isEqualTo(400);
        assertThat(badData.body().path("ha_error_code").asText()).isEqualTo("invalid_format");

        Answer noResponse = call("weather", "get_forecasts", "{\"target\": {\"entity_id\": \"weather.home\"}, "
                + "\"service_data\": {\"type\": \"daily\"}}");
        assertThat(noResponse.status()).isEqualTo(400);
        assertThat(noResponse.body().path("ha_error_code").asText()).isEqualTo("service_validation_error");

        simulator.faults().failNextCalls(6, "home_assistant_error", "The device did not respond");
        for (int i = 0; i < 6; i++) {
            Answer failed = call("lock", "unlock", "{\"target\": {\"entity_id\": \"lock.front_door\"}}");
            assertThat(failed.status()).isEqualTo(502);
            assertThat(failed.body().path("ha_error_code").asText()).isEqualTo("home_assistant_error");
            assertThat(failed.body().path("error").asText()).isEqualTo("The device did not respond");
        }

        assertThat(breaker().path("state").asText()).isEqualTo("CLOSED");
        assertThat(breaker().path("failed_calls").asInt()).isZero();
        assertThat(simulator.stats().restRequests()).isZero();
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"rejected\",via=\"websocket\"}")).isEqualTo(9);
    }

    @Test
    void aCallThatWasSentButNotAnsweredIsNotSentAgain() {
        awaitReady();
        assertThat(state("input_boolean.guest_mode")).isEqualTo("off");
        simulator.faults().withholdNextResults(1, "call_service");

        Answer unknown = call("input_boolean", "toggle", "{\"target\": {\"entity_id\": \"input_boolean.guest_mode\"}, "
                + "\"correlation_id\": 7}");

        assertThat(unknown.status()).isEqualTo(504);
        assertThat(unknown.body().path("success").asBoolean()).isFalse();
        assertThat(unknown.body().path("outcome").asText()).isEqualTo("unknown");
        assertThat(unknown.body().path("via").asText()).isEqualTo("websocket");
        assertThat(unknown.body().path("correlation_id").asInt()).isEqualTo(7);
        assertThat(unknown.body().path("error").asText()).contains("may or may not have run", "not sent again");
        // a later call over the same session is answered after anything the first one could still have sent
        assertSucceeded(call("light", "turn_on", "{\"target\": {\"entity_id\": \"light.hallway\"}}"), "websocket");
        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(1);
        assertThat(simulator.stats().restRequests()).isZero();
        assertThat(state("input_boolean.guest_mode")).isEqualTo("on");
        assertThat(metric("habridge_command_calls_seconds_count{outcome=\"unknown\",via=\"websocket\"}")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNeverReachesHomeAssistant() {
        awaitReady();
        // the registries are loaded a moment after the session is ready (the entity registry last): not the test's
        while (!"config/entity_registry/list".equals(simulator.recorder().nextInbound(Duration.ofSeconds(10)).type())) {
            continue;
        }
        long framesBefore = simulator.stats().framesReceived();
        String target = "{\"target\": {\"entity_id\": \"light.hallway\"}}";
        record Bad(String path, String body, int status, String field) {
        }
        List<Bad> bad = List.of(
                new Bad("/api/v1/services/Light/turn_on", target, 400, "domain"),
                new Bad("/api/v1/services/light/turn_on;reboot", target, 400, "service"),
                new Bad("/api/v1/services/%2e%2e/turn_on", target, 404, ""),
                new Bad("/api/v1/services/light%2F..%2F..%2Fconfig/turn_on", target, 400, "domain"),
                new Bad("/api/v1/services/light/turn_on%3Freturn_response", target, 400, "service"),
                new Bad("/api/v1/services/light/turn_on", "{bad json", 400, "body"),
                new Bad("/api/v1/services/light/turn_on", "[\"light.hallway\"]", 400, "body"),
                new Bad("/api/v1/services/light/turn_on", "{\"service_data\": 5}", 400, "service_data"),
                new Bad("/api/v1/services/light/turn_on", "{\"target\": {\"entity_id\": \"light.hallway/../x\"}}",
                        400, "target.entity_id"),
                new Bad("/api/v1/services/light/turn_on", "{\"target\": {\"entity_id\": [\"light.a\", \"Light B\"]}}",
                        400, "target.entity_id"),
                new Bad("/api/v1/services/light/turn_on", "{\"service_data\": {\"entity_id\": \"light..x\"}}",
                        400, "service_data.entity_id"),
                new Bad("/api/v1/services/light/turn_on", "{\"target\": {\"rooms\": [\"x\"]}}", 400, "target.rooms"),
                new Bad("/api/v1/services/light/turn_on", "{\"return_response\": 1}", 400, "return_response"),
                new Bad("/api/v1/services/light/turn_on", "{\"entity_id\": \"light.hallway\"}", 400, "entity_id"),
                new Bad("/api/v1/services/light/turn_on",
                        "{\"service_data\": {\"x\": \"" + "a".repeat(70_000) + "\"}}", 413, "body"));

        for (Bad request : bad) {
            Answer answer = post(request.path(), request.body(), API_KEY);
            assertThat(answer.status()).as(request.path() + " " + answer.text()).isEqualTo(request.status());
            assertThat(answer.body().path("success").asBoolean()).isFalse();
            assertThat(answer.body().path("field").asText()).as(answer.text()).isEqualTo(request.field());
            assertThat(answer.body().path("error").asText()).isNotEmpty();
            assertThat(answer.body().path("timestamp").asText()).isNotEmpty();
        }

        Answer withId = post("/api/v1/services/light/turn_on", "{\"target\": 5, \"correlation_id\": \"c-9\"}", API_KEY);
        assertThat(withId.body().path("field").asText()).isEqualTo("target");
        assertThat(withId.body().path("correlation_id").asText()).isEqualTo("c-9");

        assertThat(simulator.stats().framesReceived()).isEqualTo(framesBefore);
        assertThat(simulator.stats().restRequests()).isZero();
        assertThat(metric("habridge_command_invalid_total{field=\"target.entity_id\"}")).isEqualTo(2);
        assertThat(metric("habridge_command_invalid_total{field=\"unknown_field\"}")).isEqualTo(2);
        assertThat(metric("habridge_api_oversized_bodies_total")).isEqualTo(1);
        // the connection survived every refusal
        assertSucceeded(call("light", "turn_off", target), "websocket");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415() {
        awaitReady();

        // text/plain too: a web page may send it cross-site without a CORS preflight
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain;charset=UTF-8",
            "multipart/form-data; boundary=x"}) {
            Answer answer = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/api/v1/services/light/turn_off")).header("Authorization", "Bearer " + API_KEY)
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"target\": {\"entity_id\": \"light.hallway\"}}")));

            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.body().path("field").asText()).isEqualTo("body");
            assertThat(answer.body().path("error").asText()).contains("Content-Type: application/json");
        }
        assertThat(simulator.stats().executions("light.turn_off")).isZero();
    }

    @Test
    void callsNeedTheApiKey() {
        awaitReady();
        String target = "{\"target\": {\"entity_id\": \"light.hallway\"}}";

        Answer none = post("/api/v1/services/light/turn_off", target, null);
        Answer wrong = post("/api/v1/services/light/turn_off", target, "not-the-key");

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").asText()).doesNotContain(API_KEY, "not-the-key");
        assertThat(simulator.stats().executions("light.turn_off")).isZero();
        assertThat(state("light.hallway")).isEqualTo("on");
    }

    @Test
    void theExampleAutomationIsOffUnlessEnabled() {
        awaitReady();

        assertThat(context.getRouteController().getRouteStatus("example-automation").isStarted()).isFalse();
        assertThat(context.getRouteController().getRouteStatus("call-service").isStarted()).isTrue();
    }

    @Test
    void statusShowsTheCircuitBreaker() {
        awaitReady();
        call("light", "turn_off", "{\"target\": {\"entity_id\": \"light.hallway\"}}");

        JsonNode breaker = breaker();

        assertThat(breaker.path("state").asText()).isEqualTo("CLOSED");
        assertThat(breaker.path("sliding_window_size").asInt()).isEqualTo(5);
        assertThat(breaker.path("minimum_number_of_calls").asInt()).isEqualTo(5);
        assertThat(breaker.path("failure_rate_threshold").asDouble()).isEqualTo(100.0);
        assertThat(breaker.path("wait_in_open_state_ms").asLong()).isEqualTo(60_000);
        assertThat(breaker.path("permitted_calls_in_half_open_state").asInt()).isEqualTo(1);
        assertThat(breaker.path("buffered_calls").asInt()).isEqualTo(1);
        assertThat(metric("habridge_command_breaker_state{state=\"closed\"}")).isEqualTo(1);
        assertThat(api.get("/status").body().path("configuration").path("commands.timeout").asText())
                .isEqualTo("2s");
    }
}
