package io.hacamel.bridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HubSocket;
import io.hacamel.bridge.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the REST definition (routes/http-api.camel.yaml, read here, so that a route added there is
 * checked too) and the hub, with the shipped settings: nothing answers without the key but the probes, which say UP or
 * DOWN only, and the status page's own files; a wrong Host or a foreign page's Origin is refused even with the key.
 */
class EveryRouteNeedsAKeyTest extends BridgeTestSupport {

    private static final String DASHBOARD = "http://dashboard.example:3000";
    private static final String METRICS_KEY = "scraper-key-61d0a4";
    /** Sample values for the path parameters of the definition. */
    private static final Map<String, String> PARAMETERS = Map.of("{entity_id}", "light.camel_lamp", "{domain}",
            "light", "{service}", "turn_on", "{id}", "0123456789abcdef", "{file}", "status-page.js");
    private static final Set<String> PROBES = Set.of("/health/live", "/health/ready");
    private static final Set<String> PAGE = Set.of("/", "/ui/{file}");
    private static final String CALL = "{\"target\":{\"entity_id\":\"light.camel_lamp\"}}";
    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"data\":{\"all\":true}}";

    /** One operation of the REST definition. */
    record Operation(String method, String path) {
        String samplePath() {
            String path = this.path;
            for (Map.Entry<String, String> parameter : PARAMETERS.entrySet()) {
                path = path.replace(parameter.getKey(), parameter.getValue());
            }
            return path;
        }
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("api.allowed-origins", DASHBOARD);
        properties.put("api.metrics-key", METRICS_KEY);
        // every operation is tried with a wrong key; KeyBruteForceTest holds the shipped limit
        properties.put("api.key-failures.limit", "1000");
    }

    @Test
    void noOperationAnswersWithoutTheKeyButTheProbesAndThePagesOwnFiles() throws IOException {
        awaitReady();
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(15);
        ApiClient anybody = api.withoutKey();
        ApiClient guesser = new ApiClient(httpPort, "not-the-key");
        for (Operation operation : operations) {
            Answer answer = anybody.send(request(anybody, operation));
            if (PROBES.contains(operation.path())) {
                assertThat(answer.text()).as(operation.toString()).isIn("{\"status\":\"UP\"}", "{\"status\":\"DOWN\"}");
            } else if (PAGE.contains(operation.path())) {
                assertThat(answer.text()).as(operation + ": the same file for everybody, from the jar")
                        .isEqualTo(jarFile(operation.samplePath()));
            } else {
                assertThat(answer.status()).as(operation.toString()).isEqualTo(401);
                assertThat(answer.body().path("error").asText()).contains("API key");
                assertThat(guesser.send(request(guesser, operation)).status()).as(operation + " with a wrong key")
                        .isEqualTo(401);
                assertThat(api.send(request(api, operation)).status()).as(operation + " with the key")
                        .isNotIn(401, 403, 415, 429);
            }
        }
    }

    @Test
    void theMetricsKeyOpensTheMetricsOnly() {
        awaitReady();
        ApiClient scraper = new ApiClient(httpPort, METRICS_KEY);
        assertThat(scraper.get("/metrics").text()).contains("habridge_api_requests_refused_total");
        assertThat(scraper.get("/api/v1/states").status()).isEqualTo(401);
        assertThat(scraper.get("/status").status()).isEqualTo(401);
        assertThat(scraper.get("/status").text()).doesNotContain(METRICS_KEY);
        assertThat(api.get("/status").body().path("configuration").path("api.metrics-key").asText())
                .isEqualTo("****");
    }

    @Test
    void theHubClosesAClientWithoutTheKey() {
        awaitReady();
        assertThat(HubSocket.closeCodeAfter(httpPort, SUBSCRIBE)).isEqualTo(4401);
        assertThat(HubSocket.closeCodeAfter(httpPort, SUBSCRIBE, "Authorization", "Bearer not-the-key"))
                .isEqualTo(4401);
    }

    @Test
    void aHostNameThatIsNotTheBridgesIsRefusedOnEveryPath() throws IOException {
        awaitReady();
        String key = "Authorization: Bearer " + api.key();
        for (Operation operation : operations()) {
            assertThat(RawHttp.status(httpPort, operation.method(), operation.samplePath(), "Host: rebound.example:"
                    + httpPort, key, "Content-Type: application/json", "Content-Length: 0"))
                    .as(operation + " for rebound.example").isEqualTo(403);
        }
        assertThat(RawHttp.status(httpPort, "GET", "/ws", "Host: rebound.example", key)).isEqualTo(403);
        for (String host : new String[] {"127.0.0.1:" + httpPort, "localhost:" + httpPort, "localhost",
            "[::1]:" + httpPort, "app.localhost"}) {
            assertThat(RawHttp.status(httpPort, "GET", "/api/v1/states", "Host: " + host, key)).as(host).isEqualTo(200);
        }
    }

    @Test
    void aForeignPageIsRefusedAndAnAllowedOneGetsItsPreflight() {
        awaitReady();
        for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:" + (httpPort + 1),
            "http://127.0.0.1.evil.example:" + httpPort, "http://localhost:" + httpPort}) {
            assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/states")).header("Origin", origin)).status())
                    .as(origin).isEqualTo(403);
            assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/states")).header("Origin", origin)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "GET")).status()).as("preflight of " + origin)
                    .isEqualTo(403);
        }
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/states"))
                .header("Origin", "http://127.0.0.1:" + httpPort)).status()).as("the bridge's own page").isEqualTo(200);

        ApiClient.Answer preflight = api.withoutKey().send(HttpRequest.newBuilder(
                        api.uri("/api/v1/services/light/turn_on")).header("Origin", DASHBOARD)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type");
        assertThat(preflight.headers().firstValue("Vary")).hasValue("Origin");
        Answer read = api.send(HttpRequest.newBuilder(api.uri("/api/v1/states")).header("Origin", DASHBOARD));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(api.withoutKey().send(HttpRequest.newBuilder(api.uri("/api/v1/states"))
                .header("Origin", DASHBOARD)).status()).as("an allowed page still needs the key").isEqualTo(401);
    }

    @Test
    void whatChangesSomethingNeedsContentTypeJson() {
        awaitReady();
        String call = CALL;
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/services/light/turn_on"))
                    .POST(HttpRequest.BodyPublishers.ofString(call));
            if (type != null) {
                request.header("Content-Type", type);
            }
            Answer answer = api.send(request);
            assertThat(answer.status()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(answer.body().path("error").asText()).contains("Content-Type: application/json");
        }
        assertThat(simulator.stats().executions("light.turn_on")).isZero();
        assertThat(api.post("/api/v1/services/light/turn_on", call).status()).isEqualTo(200);
    }

    static List<Operation> operations() throws IOException {
        Object definition = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("routes", "http-api.camel.yaml")));
        List<Operation> operations = new ArrayList<>();
        for (Object element : (List<?>) definition) {
            Map<?, ?> rest = (Map<?, ?>) ((Map<?, ?>) element).get("rest");
            for (String verb : new String[] {"get", "post", "put", "patch", "delete", "head"}) {
                Object listed = rest.get(verb);
                if (listed != null) {
                    for (Object operation : (List<?>) listed) {
                        operations.add(new Operation(verb.toUpperCase(), (String) ((Map<?, ?>) operation).get("path")));
                    }
                }
            }
        }
        return operations;
    }

    private static HttpRequest.Builder request(ApiClient client, Operation operation) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(operation.samplePath()));
        if (operation.method().equals("GET")) {
            return request.GET();
        }
        String body = operation.path().startsWith("/api/v1/services/") ? CALL
                : operation.path().endsWith("/broadcast") ? "{\"type\":\"note\"}" : "{}";
        return request.header("Content-Type", "application/json")
                .method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
    }

    private static String jarFile(String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring("/ui/".length());
        try (InputStream in = EveryRouteNeedsAKeyTest.class.getClassLoader()
                .getResourceAsStream("status-page/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
