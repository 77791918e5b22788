package io.hacamel.bridge.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.LogCapture;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user folder as the bridge finds it at the start: a file named like a built-in runs instead of it (and the
 * built-in is back when the file goes), routes.disabled keeps built-ins off, a broken file stops nothing, and a
 * user route's errors go to the built-in event-errors configuration.
 */
class UserRoutesAtStartTest extends UserFolderTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("routes.disabled", "metrics.camel.yaml, websocket-stats");
        write("front-door.camel.yaml", readmeExample());
        write("status.camel.yaml", """
                - route:
                    id: status
                    description: The user's own GET /status
                    from:
                      uri: direct:status
                      steps:
                        - setBody:
                            constant: '{"replaced":true}'
                """);
        write("broken.camel.yaml", """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - log: "unclosed
                """);
        write("refuse-lights.camel.yaml", """
                - route:
                    id: refuse-lights
                    description: Fails on every change of light.hallway, which event-errors logs and skips
                    routeConfigurationId: event-errors
                    from:
                      uri: homeassistant:events
                      parameters:
                        types: state_changed
                        queueCapacity: 100
                      steps:
                        - filter:
                            simple: "${header.CamelHomeAssistantEntityId} == 'light.hallway'
                              && ${header.CamelHomeAssistantResync} == false"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: not now
                """);
    }

    @Test
    void theUserFolderDecidesWhichRoutesRun() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health").status() == 200
                && overview().path("files").has("status.camel.yaml"));

        assertThat(api.get("/status").body()).hasToString("{\"replaced\":true}");
        assertThat(context.getRoute("status").getSourceResource().getLocation())
                .isEqualTo("file:" + userFolder().resolve("status.camel.yaml"));
        assertThat(context.getRoute("metrics")).as("disabled by its file").isNull();
        assertThat(context.getRoute("websocket-stats")).as("disabled by its id").isNull();
        assertThat(context.getRoute("websocket-broadcast")).as("not disabled").isNotNull();
        assertThat(overview().path("files").path("status.camel.yaml").asText()).isEqualTo("status");
        assertThat(overview().path("files").path("front-door.camel.yaml").asText()).isEqualTo("front-door-opened");
        assertThat(overview().path("files").path("refuse-lights.camel.yaml").asText()).isEqualTo("refuse-lights");
        assertThat(overview().path("errors").path("broken.camel.yaml").asText()).startsWith("line 6: ");

        try (LogCapture log = LogCapture.capture()) {
            toggleTheLight();
            toggleTheLight();
            simulator.home().setState("binary_sensor.front_door", "off");
            simulator.home().setState("binary_sensor.front_door", "on");
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream().filter(line -> line.contains(
                    "Skipped a state_changed event of light.hallway in route refuse-lights: not now")).count() == 2
                    && log.lines().stream().anyMatch(line -> line.equals(
                            "INFO io.hacamel.bridge.automations - The front door opened")));
        }

        Files.delete(userFolder().resolve("status.camel.yaml"));
        await().atMost(Duration.ofSeconds(2)).until(() -> api.get("/status").body().has("configuration"));
        JsonNode status = api.get("/status").body();
        assertThat(status.path("configuration").path("routes.disabled").asText())
                .isEqualTo("metrics.camel.yaml, websocket-stats");
        assertThat(status.path("user_routes").path("files").has("status.camel.yaml")).isFalse();
        assertThat(status.path("user_routes").path("disabled").toString())
                .isEqualTo("[\"metrics.camel.yaml\",\"websocket-stats\"]");
        assertThat(context.getRoute("status").getSourceResource().getLocation())
                .isEqualTo("classpath:routes/status.camel.yaml");

        // a running built-in is replaced live, and back when its replacement goes
        Path cacheSynced = userFolder().resolve("cache-synced.camel.yaml");
        Files.writeString(cacheSynced, new String(getClass().getResourceAsStream("/routes/cache-synced.camel.yaml")
                .readAllBytes(), StandardCharsets.UTF_8).replace("description: A resync", "description: My resync"));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> ("file:" + cacheSynced).equals(source("cache-synced")));
        assertThat(context.getRoute("cache-synced").getDescription()).startsWith("My resync");
        Files.delete(cacheSynced);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> "classpath:routes/cache-synced.camel.yaml".equals(source("cache-synced")));

        // Camel runs a route that a REST operation calls inside the REST route: replaced at the next start only
        write("health-live.camel.yaml", "- route:\n    id: health-live\n");
        await().atMost(Duration.ofSeconds(2)).until(() -> overview().path("errors").has("health-live.camel.yaml"));
        assertThat(overview().path("errors").path("health-live.camel.yaml").asText()).isEqualTo("Camel runs "
                + "classpath:routes/health-live.camel.yaml inside the REST routes of "
                + "classpath:routes/http-api.camel.yaml, so replacing it takes effect at the next start");
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(simulator.stats().totalConnections()).isEqualTo(1);
    }

    /** The example of README's "Write your own routes". */
    private static String readmeExample() {
        try {
            String readme = Files.readString(Path.of("README.md"));
            String section = readme.substring(readme.indexOf("## Write your own routes"));
            return section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 10));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Where the route's text came from; null while there is no such route, e.g. during a swap. */
    private String source(String routeId) {
        Route route = context.getRoute(routeId);
        return route == null ? null : route.getSourceResource().getLocation();
    }
}
