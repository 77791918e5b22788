package io.hacamel.bridge.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JMX over HTTP at /observe/jolokia on the management port, as Hawtio uses it: Camel's MBeans can be read and the
 * routes drawn, the circuit breaker's state too, but nothing can be changed (jolokia-access.xml).
 */
class JolokiaTest extends BridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiClient jolokia;
    private String contextMBean;

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        // a withheld result fails a service call quickly, so that the breaker opens within a few seconds
        properties.put("commands.timeout", "500");
    }

    @BeforeEach
    void findTheCamelContext() {
        awaitReady();
        jolokia = new ApiClient(managementPort);
        JsonNode contexts = call(request("search").put("mbean", "org.apache.camel:type=context,*"));
        assertThat(contexts.path("value")).hasSize(1);
        contextMBean = contexts.path("value").get(0).asText();
    }

    @Test
    void theContextAndARouteAreReadable() {
        assertThat(call(request("version")).path("value").path("agent").asText()).isNotEmpty();
        assertThat(read(contextMBean, "State").path("value").asText()).isEqualTo("Started");
        assertThat(read(contextMBean, "CamelId").path("value").asText()).isEqualTo("ha-camel-bridge");

        JsonNode events = read(route("ha-events"), "State");
        assertThat(events.path("status").asInt()).isEqualTo(200);
        assertThat(events.path("value").asText()).isEqualTo("Started");
        assertThat(read(route("ha-events"), "ExchangesCompleted").path("value").asLong()).isPositive();
        // routes count, the steps in them do not (camel.main.jmx-management-statistics-level = RoutesOnly)
        assertThat(read(route("ha-events"), "StatisticsEnabled").path("value").asBoolean()).isTrue();
        String step = call(request("search").put("mbean", "org.apache.camel:type=processors,*")).path("value").get(0)
                .asText();
        assertThat(read(step, "StatisticsEnabled").path("value").asBoolean()).as(step).isFalse();
        assertThat(read(step, "ExchangesTotal").path("value").asLong()).as(step).isZero();
        JsonNode routes = call(request("exec").put("mbean", contextMBean).put("operation", "dumpRoutesAsXml()"));
        assertThat(routes.path("value").asText()).contains("<route id=\"ha-events\"");
    }

    @Test
    void itListensOnThisMachineOnly() {
        assertThat(context.hasService(ManagementHttpServer.class).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void nothingCanBeChangedThroughIt() {
        JsonNode stop = call(request("exec").put("mbean", route("ha-events")).put("operation", "stop()"));
        assertThat(stop.path("status").asInt()).isEqualTo(403);
        JsonNode write = call(request("write").put("mbean", contextMBean).put("attribute", "Tracing").put("value", true));
        assertThat(write.path("status").asInt()).isEqualTo(403);
        JsonNode arguments = read("java.lang:type=Runtime", "InputArguments");
        assertThat(arguments.path("status").asInt()).isEqualTo(403);
        // it resolved the endpoint it was asked about: the file component was loaded and an endpoint made
        JsonNode canSend = call(request("exec").put("mbean", contextMBean)
                .put("operation", "canSendToEndpoint(java.lang.String)").set("arguments",
                        JSON.createArrayNode().add("file:/tmp/ha-camel-bridge-probe")));
        assertThat(canSend.path("status").asInt()).isEqualTo(403);

        assertThat(read(route("ha-events"), "State").path("value").asText()).isEqualTo("Started");
        assertThat(read(contextMBean, "Tracing").path("value").asBoolean()).isFalse();
    }

    @Test
    void theCircuitBreakerIsReadableAndCannotBeForced() {
        JsonNode processors = call(request("search").put("mbean", "org.apache.camel:type=processors,*"));
        List<String> breakers = new ArrayList<>();
        processors.path("value").forEach(name -> breakers.add(name.asText()));
        breakers.removeIf(name -> !name.contains("name=\"call-service-breaker\""));
        assertThat(breakers).as("the managed processor of the call-service route's circuitBreaker").hasSize(1);
        String breaker = breakers.get(0);
        assertThat(read(breaker, "CircuitBreakerState").path("value").asText()).isEqualTo("CLOSED");
        assertThat(read(breaker, "CircuitBreakerSlidingWindowSize").path("value").asInt()).isEqualTo(5);

        simulator.faults().withholdNextResults(5, "call_service");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/services/light/turn_on", "{\"target\":{\"entity_id\":\"light.camel_lamp\"}}")
                    .status()).isEqualTo(504);
        }

        assertThat(read(breaker, "CircuitBreakerState").path("value").asText()).isEqualTo("OPEN");
        assertThat(read(breaker, "NumberOfFailedCalls").path("value").asInt()).isEqualTo(5);
        assertThat(read(breaker, "FailureRate").path("value").asDouble()).isEqualTo(100.0);
        // read-only: an operator cannot force the breaker closed (calls into a session that does not answer)
        for (String operation : List.of("transitionToCloseState()", "transitionToForcedOpenState()")) {
            JsonNode forced = call(request("exec").put("mbean", breaker).put("operation", operation));
            assertThat(forced.path("status").asInt()).as(operation).isEqualTo(403);
        }
        assertThat(read(breaker, "CircuitBreakerState").path("value").asText()).isEqualTo("OPEN");
    }

    @Test
    void aFormTooLargeToReadIsRefusedInOneLine() {
        try (LogCapture logs = LogCapture.capture()) {
            Answer answer = jolokia.send(HttpRequest.newBuilder(jolokia.uri("/observe/jolokia/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("a=" + "x".repeat(64 * 1024))));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).startsWith("the request could not be read");
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR") || line.contains("\tat "))
                    .anyMatch(line -> line.contains("Refused POST /observe/jolokia/: the request could not be read"));
        }
    }

    private String route(String routeId) {
        return contextMBean.replaceFirst("type=context", "type=routes").replaceFirst("name=\"[^\"]*\"",
                "name=\"" + routeId + "\"");
    }

    private JsonNode read(String mbean, String attribute) {
        return call(request("read").put("mbean", mbean).put("attribute", attribute));
    }

    private static ObjectNode request(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private JsonNode call(ObjectNode request) {
        return jolokia.post("/observe/jolokia/", request.toString()).body();
    }
}
