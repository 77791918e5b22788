package io.hacamel.bridge.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/LiveEvents.java, the README's command for watching live changes with nothing but the JDK: run as
 * {@code java bin/LiveEvents.java <url>}, it presents BRIDGE_API_KEY, subscribes to everything and prints each message
 * of the hub as a line of JSON.
 */
class LiveEventsTest extends BridgeTestSupport {

    private static final String KEY = "live-events-key-3c9a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("bridge.api-key", KEY);
        properties.put("hub.heartbeat-interval", "1h"); // no heartbeat between the messages the test expects
    }

    @Test
    void printsEveryMessageOfTheHubAfterSubscribingToEverything() throws Exception {
        awaitReady();
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "bin/LiveEvents.java", "ws://127.0.0.1:" + httpPort + "/ws").redirectErrorStream(true);
        command.environment().put("BRIDGE_API_KEY", KEY);
        Process liveEvents = command.start();
        Thread reader = new Thread(() -> read(liveEvents), "LiveEvents output");
        reader.start();
        try {
            assertThat(nextMessage("connection").path("data").path("status").asText()).isEqualTo("connected");
            nextMessage("system_status");
            assertThat(nextMessage("subscribed").path("data").path("all").asBoolean()).isTrue();

            assertThat(simulator.home().setState("switch.camel_switch", "on")).isTrue();

            JsonNode change = nextMessage("entity_state_changed");
            assertThat(change.path("data").path("entity_id").asText()).isEqualTo("switch.camel_switch");
            assertThat(change.path("data").path("new_state").asText()).isEqualTo("on");
            assertThat(lines).isEmpty();
        } finally {
            liveEvents.destroy();
            assertThat(liveEvents.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
    }

    private JsonNode nextMessage(String type) throws Exception {
        String line = lines.poll(60, TimeUnit.SECONDS); // the first includes compiling the source file
        assertThat(line).as("a line from LiveEvents within 60 s").isNotNull();
        JsonNode message = JSON.readTree(line);
        assertThat(message.path("type").asText()).as(line).isEqualTo(type);
        return message;
    }

    private void read(Process process) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach(lines::add);
        } catch (IOException e) {
            lines.add("output unreadable: " + e);
        }
    }
}
