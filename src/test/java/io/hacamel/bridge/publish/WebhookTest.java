package io.hacamel.bridge.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.Signatures;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bridge posting state changes to a webhook receiver over real HTTP: signed, filtered, retried, kept as
 * dead letters on disk, listed, replayed and deleted through the API.
 */
class WebhookTest extends BridgeTestSupport {

    static final String SECRET = "whsec-7f3b9a0c";
    static final String HEADER_VALUE = "header-secret-22e1";
    static final String API_KEY = "api-key-1e4d77";
    private static final String DEAD_LETTERS = "/api/v1/webhooks/dead-letters";

    private WebhookSink sink;
    private Path deadLetterDir;

    @Override
    protected void bridgeProperties(Properties properties) {
        sink = WebhookSink.start();
        try {
            deadLetterDir = Files.createTempDirectory("dead-letters");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        properties.put("bridge.api-key", API_KEY);
        properties.put("webhooks.targets", "home");
        properties.put("webhook.home.url", sink.url("/hooks/home/token-in-path-9d1c"));
        properties.put("webhook.home.secret", SECRET);
        properties.put("webhook.home.headers", "{\"X-Api-Key\":\"" + HEADER_VALUE + "\"}");
        properties.put("webhook.home.domains", "light");
        properties.put("webhook.home.entities", "switch.camel_*");
        properties.put("webhook.home.events", "state,added,removed");
        properties.put("webhooks.retry.max-retries", "2");
        properties.put("webhooks.retry.initial-delay", "50");
        properties.put("webhooks.retry.max-delay", "200");
        properties.put("webhooks.dead-letter-dir", deadLetterDir.toString());
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
    }

    @Test
    void aStateChangeIsPostedAsSignedJsonWithTheTargetsHeaders() {
        awaitReady();

        simulator.home().setState("light.camel_lamp", "on");

        Request request = sink.next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/home/token-in-path-9d1c");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Api-Key")).isEqualTo(HEADER_VALUE);
        assertThat(request.header("X-Bridge-Event")).isEqualTo("state_changed");
        assertThat(request.header("X-Bridge-Attempt")).isEqualTo("1");
        assertThat(request.header("X-Bridge-Delivery")).matches("[0-9a-f-]{36}");
        assertThat(request.header("X-Bridge-Signature"))
                .isEqualTo(Signatures.expected(SECRET, request.header("X-Bridge-Timestamp"), request.body()));
        JsonNode body = request.json();
        assertThat(body.path("event_type").asText()).isEqualTo("state_changed");
        assertThat(body.path("entity_id").asText()).isEqualTo("light.camel_lamp");
        assertThat(body.path("old_state").path("state").asText()).isEqualTo("off");
        assertThat(body.path("new_state").path("state").asText()).isEqualTo("on");
        assertThat(body.path("time_fired").asText()).isNotEmpty();
        assertThat(body.path("resync").asBoolean()).isFalse();
        sink.assertExhausted();
    }

    @Test
    void onlyTheTargetsEntitiesAndKindsOfChangeArePosted() {
        awaitReady();

        simulator.home().setState("input_number.camel_level", "7.0");         // not one of its entities
        simulator.home().setState("light.camel_lamp", "off", attributes("friendly_name", "Renamed Lamp")); // attributes
        simulator.home().addEntity("light.porch", "off", null);               // added
        simulator.home().setState("switch.camel_switch", "on");               // state
        simulator.home().removeEntity("light.porch");                         // removed

        assertThat(sink.next().json().path("entity_id").asText()).isEqualTo("light.porch");
        Request state = sink.next();
        assertThat(state.json().path("entity_id").asText()).isEqualTo("switch.camel_switch");
        Request removed = sink.next();
        assertThat(removed.json().path("entity_id").asText()).isEqualTo("light.porch");
        assertThat(removed.json().path("new_state").isNull()).isTrue();
        sink.assertExhausted();
    }

    @Test
    void aFailingTargetIsRetriedThenDeadLetteredAndAReplayDeliversIt() {
        awaitReady();
        sink.answer(500);

        simulator.home().setState("light.camel_lamp", "on");

        Request first = sink.next();
        String delivery = first.header("X-Bridge-Delivery");
        for (String attempt : new String[] {"2", "3"}) {
            Request retry = sink.next();
            assertThat(retry.header("X-Bridge-Delivery")).isEqualTo(delivery);
            assertThat(retry.header("X-Bridge-Attempt")).isEqualTo(attempt);
            assertThat(retry.body()).isEqualTo(first.body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listed().path("count").asInt() == 1);
        JsonNode letter = listed().path("dead_letters").get(0);
        assertThat(letter.path("id").asText()).isEqualTo(delivery);
        assertThat(letter.path("target").asText()).isEqualTo("home");
        assertThat(letter.path("entity_id").asText()).isEqualTo("light.camel_lamp");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(letter.path("last_error").asText()).startsWith("HTTP 500 from webhook target home");
        assertThat(letter.path("payload").path("new_state").path("state").asText()).isEqualTo("on");
        assertThat(deadLetterDir.resolve(delivery + ".json")).exists();
        assertThat(metric("habridge_webhook_retries_total{target=\"home\"}")).isEqualTo(2.0);
        assertThat(metric("habridge_webhook_dead_letters_total{target=\"home\"}")).isEqualTo(1.0);
        sink.assertExhausted();

        sink.answer(200);
        Answer replay = post(DEAD_LETTERS + "/replay");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("delivered").asInt()).isEqualTo(1);
        Request replayed = sink.next();
        assertThat(replayed.header("X-Bridge-Delivery")).isEqualTo(delivery);
        assertThat(replayed.header("X-Bridge-Replay")).isEqualTo("true");
        assertThat(replayed.header("X-Bridge-Signature"))
                .isEqualTo(Signatures.expected(SECRET, replayed.header("X-Bridge-Timestamp"), replayed.body()));
        assertThat(replayed.json().path("new_state").path("state").asText()).isEqualTo("on");
        assertThat(listed().path("count").asInt()).isZero();
        assertThat(deadLetterDir.resolve(delivery + ".json")).doesNotExist();
        sink.assertExhausted();
    }

    @Test
    void aRejectedDeliveryIsDeadLetteredAtOnceAndCanBeDeleted() {
        awaitReady();
        sink.answer(410);

        simulator.home().setState("light.camel_lamp", "on");

        String delivery = sink.next().header("X-Bridge-Delivery");
        await().atMost(Duration.ofSeconds(10)).until(() -> listed().path("count").asInt() == 1);
        assertThat(listed().path("dead_letters").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(post(DEAD_LETTERS + "/" + delivery + "/replay").status()).isEqualTo(502);
        assertThat(sink.next().header("X-Bridge-Replay")).isEqualTo("true");

        assertThat(delete(DEAD_LETTERS + "/" + delivery).status()).isEqualTo(200);

        assertThat(listed().path("count").asInt()).isZero();
        assertThat(delete(DEAD_LETTERS + "/" + delivery).status()).isEqualTo(404);
        Answer malformed = delete(DEAD_LETTERS + "/..%2F..%2Fetc");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("field").asText()).isEqualTo("id");
        sink.assertExhausted();
    }

    @Test
    void theDeadLetterApiNeedsTheApiKey() {
        awaitReady();

        assertThat(api.withoutKey().get(DEAD_LETTERS).status()).isEqualTo(401);
        assertThat(api.withoutKey().post(DEAD_LETTERS + "/replay", "").status()).isEqualTo(401);
        Answer wrongKey = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + DEAD_LETTERS))
                .header("Authorization", "Bearer nope").GET());
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body().path("success").asBoolean()).isFalse();
    }

    @Test
    void whatIsStillQueuedWhenTheBridgeStopsIsKeptAsDeadLetters() throws IOException {
        awaitReady();
        sink.stall();
        simulator.home().setState("light.camel_lamp", "on");
        sink.next(); // in flight, never answered
        simulator.home().setState("switch.camel_switch", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/status").body().path("publishing")
                .path("webhooks").path("targets").get(0).path("queue_depth").asInt() == 1);

        context.stop();

        try (Stream<Path> files = Files.list(deadLetterDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).hasSize(2).allMatch(n -> n.endsWith(".json"));
        }
    }

    private JsonNode listed() {
        Answer answer = withKey(HttpRequest.newBuilder(uri(DEAD_LETTERS)).GET());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private Answer post(String path) {
        return withKey(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer delete(String path) {
        return withKey(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private Answer withKey(HttpRequest.Builder request) {
        return api.send(request.header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private double metric(String series) {
        String text = api.get("/metrics").text();
        return text.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode attributes(String name, String value) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put(name, value);
    }
}
