package io.hacamel.bridge.routes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.WebhookSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route file is dropped into a running bridge's user folder, edited, broken and deleted, and a broken one is put
 * in, while another user route takes every change of light.hallway: each change takes effect within 2 s, the other
 * route loses nothing, the session to Home Assistant is never opened again and a hub client stays connected.
 */
class UserRoutesTest extends UserFolderTestSupport {

    private static final Duration TAKES_EFFECT = Duration.ofSeconds(2);
    private static final String DOOR = "door-to-hook.camel.yaml";

    // set while the bridge is built (no initializers, see BridgeTestSupport)
    private WebhookSink doorHook;
    private WebhookSink lightHook;

    @Override
    protected void bridgeProperties(Properties properties) {
        doorHook = WebhookSink.start();
        lightHook = WebhookSink.start();
        write("light-to-hook.camel.yaml", hookRoute("light-to-hook", "light.hallway",
                "${header.CamelHomeAssistantState} ${header.CamelHomeAssistantResync}", lightHook));
    }

    @Override
    protected void doPostTearDown() throws Exception {
        doorHook.close();
        lightHook.close();
        super.doPostTearDown();
    }

    @Test
    void aFileTakesEffectWithin2sAndNothingElseMoves() throws IOException {
        awaitReady();
        assertThat(lightHook.next().body()).as("the unchanged route listens: its first state").endsWith(" true");
        AtomicBoolean hubClientClosed = new AtomicBoolean();
        WebSocket hubClient = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + API_KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        hubClientClosed.set(true);
                        return null;
                    }
                }).join();
        List<String> lightChanges = new ArrayList<>();

        // a new file: it starts (its first state is the proof that it listens) and acts on a change
        write(DOOR, door("v1"));
        toggleTheLight(lightChanges);
        assertThat(doorHook.next(TAKES_EFFECT).body()).isEqualTo("v1 off true");
        simulator.home().setState("binary_sensor.front_door", "on");
        assertThat(doorHook.next(TAKES_EFFECT).body()).isEqualTo("v1 on false");

        // edited: the new version replaces the old
        write(DOOR, door("v2"));
        toggleTheLight(lightChanges);
        assertThat(doorHook.next(TAKES_EFFECT).body()).isEqualTo("v2 on true");
        simulator.home().setState("binary_sensor.front_door", "off");
        assertThat(doorHook.next(TAKES_EFFECT).body()).isEqualTo("v2 off false");

        // broken: refused with one log line naming the file and the line, and the version before runs on
        String typo = door("v3").replace("setBody:", "setBdy:");
        try (LogCapture log = LogCapture.capture()) {
            write(DOOR, typo);
            toggleTheLight(lightChanges);
            await().atMost(TAKES_EFFECT).until(() -> userRoutes().path("errors").has(DOOR));
            JsonNode error = userRoutes().path("errors").path(DOOR);
            assertThat(error.path("line").asInt()).isEqualTo(lineOf(typo, "setBdy:"));
            assertThat(error.path("error").asText()).isEqualTo("Unknown node id: setBdy");
            assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
                    .singleElement().asString()
                    .contains("Refused " + userFolder().resolve(DOOR) + ", line " + lineOf(typo, "setBdy:"));
        }
        assertThat(overview().path("errors").path(DOOR).asText())
                .isEqualTo("line " + lineOf(typo, "setBdy:") + ": Unknown node id: setBdy");
        simulator.home().setState("binary_sensor.front_door", "on");
        assertThat(doorHook.next(TAKES_EFFECT).body()).isEqualTo("v2 on false");

        // deleted: its routes stop, and its refusal is forgotten
        Files.delete(userFolder().resolve(DOOR));
        toggleTheLight(lightChanges);
        await().atMost(TAKES_EFFECT).until(() -> !userRoutes().path("files").has(DOOR)
                && !userRoutes().path("errors").has(DOOR));
        assertThat(context.getRoute("door-to-hook")).isNull();
        simulator.home().setState("binary_sensor.front_door", "off");

        // a broken new file: refused, nothing of it runs
        write("typo.camel.yaml", door("v4").replace("event-errors", "event-error"));
        toggleTheLight(lightChanges);
        await().atMost(TAKES_EFFECT).until(() -> userRoutes().path("errors").has("typo.camel.yaml"));
        assertThat(userRoutes().path("errors").path("typo.camel.yaml").path("error").asText()).startsWith(
                "routeConfigurationId event-error is not defined; the defined ones are api-errors, event-errors,");
        assertThat(context.getRoute("door-to-hook")).isNull();

        for (String change : lightChanges) {
            assertThat(lightHook.next().body()).isEqualTo(change + " false");
        }
        lightHook.assertExhausted();
        doorHook.assertExhausted();
        assertThat(userRoutes().path("files").path("light-to-hook.camel.yaml").path("routes").get(0).asText())
                .isEqualTo("light-to-hook");
        assertThat(simulator.stats().totalConnections()).as("sessions opened").isEqualTo(1);
        assertThat(simulator.stats().connectedClients()).isEqualTo(1);
        JsonNode hub = api.get("/api/v1/websocket/stats").body().path("data");
        assertThat(hubClientClosed).isFalse();
        assertThat(hub.path("connected_clients").asInt()).isEqualTo(1);
        assertThat(hub.path("total_connections").asInt()).isEqualTo(1);
        hubClient.abort();
    }

    /** A change of the light while a file is being swapped; the unchanged route must pass each on. */
    private void toggleTheLight(List<String> changes) {
        changes.add(toggleTheLight());
    }

    private String door(String version) {
        return hookRoute("door-to-hook", "binary_sensor.front_door",
                version + " ${header.CamelHomeAssistantState} ${header.CamelHomeAssistantResync}", doorHook);
    }

    /** A user route as the README shows it: events, a filter, a sink. */
    private static String hookRoute(String id, String entityId, String body, WebhookSink hook) {
        return """
                - route:
                    id: %s
                    description: Every state of %s to a webhook
                    routeConfigurationId: event-errors
                    from:
                      uri: homeassistant:events
                      parameters:
                        types: state_changed
                        initialStates: true
                      steps:
                        - filter:
                            simple: "${header.CamelHomeAssistantEntityId} == '%s'"
                            steps:
                              - setBody:
                                  simple: "%s"
                              - to: "%s"
                """.formatted(id, entityId, entityId, body, hook.url("/" + id));
    }

    private static int lineOf(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int line = 0; line < lines.size(); line++) {
            if (lines.get(line).contains(fragment)) {
                return line + 1;
            }
        }
        throw new AssertionError(fragment + " is not in the text");
    }

    private JsonNode userRoutes() {
        return api.get("/status").body().path("user_routes");
    }
}
