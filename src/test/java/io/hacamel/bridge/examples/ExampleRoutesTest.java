package io.hacamel.bridge.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example routes of docs/examples, copied as they are into the user-routes folder of the bridge's home, against
 * the demo home. Only what must differ in a test is set: where the chat service and the log file are, and a motion
 * period of a second.
 */
class ExampleRoutesTest extends BridgeTestSupport {

    private static final List<String> EXAMPLES = List.of("door-alert", "state-log", "motion-lights-off");
    private static final String BOT_TOKEN = "123456-test-bot-token-5d1e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookSink chat;
    private Path stateLog;

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        try {
            Path userRoutes = Files.createDirectories(bridgeHome.resolve("user-routes"));
            for (String example : EXAMPLES) {
                String file = example + ".camel.yaml";
                Files.copy(Path.of("docs/examples", file), userRoutes.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chat = WebhookSink.start();
        try {
            stateLog = Files.createTempDirectory("state-log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("door-alert.api", chat.url(""));
        properties.put("door-alert.bot-token", BOT_TOKEN);
        properties.put("door-alert.chat-id", "42");
        properties.put("state-log.dir", stateLog.toString());
        properties.put("motion-lights-off.after", "00:00:01");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        chat.close();
    }

    @Test
    void doorAlertSendsAChatMessageWhenTheFrontDoorOpens() throws Exception {
        awaitReady();
        try (LogCapture logs = LogCapture.capture()) {
            simulator.home().setState("binary_sensor.front_door", "off");
            simulator.home().setState("binary_sensor.front_door", "on");

            Request message = chat.next();
            assertThat(message.path()).isEqualTo("/bot" + BOT_TOKEN + "/sendMessage");
            assertThat(message.header("Content-Type")).startsWith("application/json");
            assertThat(message.json().path("chat_id").asText()).isEqualTo("42");
            assertThat(message.json().path("text").asText()).startsWith("binary_sensor.front_door opened at 20");

            chat.answer(400);
            simulator.home().setState("binary_sensor.front_door", "off");
            simulator.home().setState("binary_sensor.front_door", "on");
            chat.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream()
                    .anyMatch(line -> line.contains("door-alert: the chat service answered 400")));
            assertThat(logs.lines()).noneMatch(line -> line.contains(BOT_TOKEN));
        }
        chat.assertExhausted();
    }

    @Test
    void stateLogWritesTheCurrentTemperaturesThenEachChangeAsJsonLines() {
        awaitReady();
        List<String> temperatures = simulator.home().entityIds().stream()
                .filter(id -> id.startsWith("sensor.") && id.endsWith("_temperature")).toList();
        assertThat(temperatures).hasSizeGreaterThan(2);

        simulator.home().setState("sensor.kitchen_temperature", "23.5");

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> lines().size() == temperatures.size() + 2);
        List<JsonNode> lines = lines();
        List<JsonNode> seeded = lines.subList(0, temperatures.size());
        assertThat(seeded).extracting(line -> line.path("data").path("entity_id").asText())
                .containsExactlyInAnyOrderElementsOf(temperatures);
        assertThat(seeded).allMatch(line -> line.path("resync").asBoolean());
        assertThat(lines.get(temperatures.size()).path("event_type").asText()).isEqualTo("bridge_synced");
        JsonNode change = lines.get(temperatures.size() + 1);
        assertThat(change.path("event_type").asText()).isEqualTo("state_changed");
        assertThat(change.path("data").path("new_state").path("state").asText()).isEqualTo("23.5");
        assertThat(change.path("data").path("old_state").path("entity_id").asText())
                .isEqualTo("sensor.kitchen_temperature");
    }

    @Test
    void motionLightsOffTurnsTheLightOffOnlyAfterAWholePeriodWithoutMotion() {
        awaitReady();
        simulator.home().setState("light.living_room_ceiling", "on");
        simulator.home().setState("binary_sensor.living_room_motion", "on");

        // the first period without motion is cut short by a motion; only the second one ends in a call
        simulator.home().setState("binary_sensor.living_room_motion", "off");
        simulator.home().setState("binary_sensor.living_room_motion", "on");
        simulator.home().setState("binary_sensor.living_room_motion", "off");

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().wsExecutions("light.turn_off") == 1);
        assertThat(simulator.home().state("light.living_room_ceiling").path("state").asText()).isEqualTo("off");

        // once more: by the time it ends, a call of the period cut short would have been counted too
        simulator.home().setState("light.living_room_ceiling", "on");
        simulator.home().setState("binary_sensor.living_room_motion", "on");
        simulator.home().setState("binary_sensor.living_room_motion", "off");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().wsExecutions("light.turn_off") >= 2);
        assertThat(simulator.stats().executions("light.turn_off")).isEqualTo(2);
    }

    /** Every line of the state log's files, as JSON. */
    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(stateLog)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
