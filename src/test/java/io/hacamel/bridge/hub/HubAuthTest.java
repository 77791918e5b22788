package io.hacamel.bridge.hub;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the bridge's API key and client keys set, hub clients must present a key (header, query parameter or first
 * message) or are closed with 4401; a client's message rate is limited; browsers from other origins are refused;
 * the admin operations need the bridge's API key; and no key ever appears in a log line or an answer.
 */
class HubAuthTest extends BridgeTestSupport {

    private static final String ADMIN_KEY = "admin-key-7c1d40e2";
    private static final String CLIENT_KEY = "client-key-one-93af";
    private static final String OTHER_CLIENT_KEY = "client-key-two-5b08";
    private static final String WRONG_KEY = "wrong-key-00000000";
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void keysNeverLeakIntoTheLogs() {
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(ADMIN_KEY) || line.contains(CLIENT_KEY)
                || line.contains(OTHER_CLIENT_KEY) || line.contains(WRONG_KEY));
        assertThat(logs.lines()).anyMatch(line -> line.contains("refused"));
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("bridge.api-key", ADMIN_KEY);
        properties.put("hub.client-api-keys", CLIENT_KEY + ", " + OTHER_CLIENT_KEY);
        properties.put("hub.auth-timeout", "5s");
        properties.put("hub.rate-limit", "5");
        properties.put("hub.allowed-origins", "http://dashboard.example:3000");
        properties.put("hub.heartbeat-interval", "1h");
    }

    @Test
    void acceptsAKeyInTheHeaderOrTheQuery() {
        awaitReady();
        try (HubTestClient header = HubTestClient.connect(httpPort, "", "Authorization", "Bearer " + CLIENT_KEY);
             HubTestClient query = HubTestClient.connect(httpPort, "?api_key=" + ADMIN_KEY)) {
            for (HubTestClient client : new HubTestClient[] {header, query}) {
                client.nextMessage("connection");
                client.nextMessage("system_status");
                client.send("ping", null, 1);
                client.nextMessage("pong");
                client.assertExhausted();
            }
        }
    }

    @Test
    void acceptsAKeyInTheFirstMessage() {
        awaitReady();
        try (HubTestClient client = HubTestClient.connect(httpPort, "")) {
            JsonNode required = client.nextMessage("auth_required");
            assertThat(required.path("data").path("client_id").asText()).hasSize(36);

            client.send("auth", "{\"api_key\":\"" + OTHER_CLIENT_KEY + "\"}", null);

            JsonNode welcome = client.nextMessage("connection");
            assertThat(welcome.path("data").path("client_id").asText())
                    .isEqualTo(required.path("data").path("client_id").asText());
            client.nextMessage("system_status");
            client.assertExhausted();
        }
    }

    @Test
    void closesClientsWithoutAValidKeyWith4401() {
        awaitReady();
        try (HubTestClient header = HubTestClient.connect(httpPort, "", "Authorization", "Bearer " + WRONG_KEY);
             HubTestClient query = HubTestClient.connect(httpPort, "?api_key=" + WRONG_KEY);
             HubTestClient wrongMessage = HubTestClient.connect(httpPort, "");
             HubTestClient noKeyInMessage = HubTestClient.connect(httpPort, "");
             HubTestClient notAuthFirst = HubTestClient.connect(httpPort, "")) {
            wrongMessage.send("auth", "{\"api_key\":\"" + WRONG_KEY + "\"}", null);
            noKeyInMessage.send("auth", "{}", null);
            notAuthFirst.send("subscribe", "{\"all\":true}", null);

            for (HubTestClient client : new HubTestClient[] {header, query}) {
                assertUnauthorized(client);
            }
            for (HubTestClient client : new HubTestClient[] {wrongMessage, noKeyInMessage, notAuthFirst}) {
                client.nextMessage("auth_required");
                assertUnauthorized(client);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stats().path("disconnects")
                .path("unauthorized").asLong()).isEqualTo(5));
    }

    @Test
    void closesAClientThatDoesNotAuthenticateInTimeWith4401() {
        awaitReady();
        try (HubTestClient silent = HubTestClient.connect(httpPort, "")) {
            silent.nextMessage("auth_required");

            assertUnauthorized(silent);
        }
    }

    @Test
    void sendsNothingToAClientBeforeItAuthenticates() {
        awaitReady();
        try (HubTestClient waiting = HubTestClient.connect(httpPort, "")) {
            waiting.nextMessage("auth_required");

            Answer broadcast = api.send(admin("/api/v1/websocket/broadcast")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"note\",\"data\":{}}")));
            simulator.home().setState("switch.camel_switch", "on");

            assertThat(broadcast.body().path("data").path("clients_count").asInt()).isZero();
            waiting.send("auth", "{\"api_key\":\"" + CLIENT_KEY + "\"}", null);
            waiting.nextMessage("connection");
            waiting.nextMessage("system_status");
            waiting.assertExhausted();
        }
    }

    @Test
    void theAdminOperationsNeedTheBridgesApiKey() {
        awaitReady();
        assertThat(api.withoutKey().get("/api/v1/websocket/stats").status()).isEqualTo(401);
        assertThat(api.send(HttpRequest.newBuilder(uri("/api/v1/websocket/stats"))
                .header("Authorization", "Bearer " + CLIENT_KEY)).status()).as("a client key is no admin key")
                .isEqualTo(401);
        Answer broadcast = api.withoutKey().post("/api/v1/websocket/broadcast", "{\"type\":\"note\"}");
        assertThat(broadcast.status()).isEqualTo(401);
        assertThat(broadcast.body().path("success").asBoolean()).isFalse();

        assertThat(api.send(admin("/api/v1/websocket/stats").GET()).status()).isEqualTo(200);
        assertThat(api.send(admin("/api/v1/websocket/broadcast")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"note\"}"))).status()).isEqualTo(200);
        String status = api.get("/status").text();
        assertThat(status).contains("\"hub.client-api-keys\":\"****\"").doesNotContain(CLIENT_KEY, ADMIN_KEY);
    }

    @Test
    void refusesMessagesBeyondTheRateLimitAndClosesAClientThatKeepsOnWith4429() {
        awaitReady();
        try (HubTestClient flooder = HubTestClient.connect(httpPort, "?api_key=" + CLIENT_KEY);
             HubTestClient calm = HubTestClient.connect(httpPort, "?api_key=" + CLIENT_KEY)) {
            flooder.nextMessage("connection");
            flooder.nextMessage("system_status");
            int sent = 0;
            while (sent < 200 && flooder.trySendText("{\"type\":\"ping\",\"id\":" + sent + "}")) {
                sent++;
            }

            JsonNode refused = flooder.skipUntil("error", message -> true);
            assertThat(refused.path("data").path("code").asText()).isEqualTo("rate_limited");
            int pongs = 0;
            while (true) {
                Object next = flooder.nextAnything();
                if (next instanceof HubTestClient.Closed closed) {
                    assertThat(closed.code()).isEqualTo(4429);
                    break;
                }
                JsonNode message = (JsonNode) next;
                if (message.path("type").asText().equals("pong")) {
                    pongs++;
                } else { // a new run of refusals, after the bucket let a message through
                    assertThat(message.path("data").path("code").asText()).isEqualTo("rate_limited");
                }
            }
            assertThat(pongs).isLessThan(sent);
            calm.nextMessage("connection");
            calm.nextMessage("system_status");
            calm.send("ping", null, 1);
            calm.nextMessage("pong");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = stats();
            assertThat(stats.path("disconnects").path("rate_limited").asLong()).isEqualTo(1);
            assertThat(stats.path("rejected_messages").path("rate_limited").asLong()).isGreaterThan(5);
        });
        assertThat(logs.lines()).as("one line for one client closed, whatever it had sent meanwhile")
                .filteredOn(line -> line.contains("kept sending more than")).hasSize(1);
    }

    @Test
    void refusesBrowsersFromOtherOrigins() {
        awaitReady();
        assertThat(HubTestClient.refusedHandshake(httpPort, "?api_key=" + CLIENT_KEY, "Origin", "http://evil.example"))
                .isEqualTo(403);
        try (HubTestClient dashboard = HubTestClient.connect(httpPort, "?api_key=" + CLIENT_KEY,
                "Origin", "http://dashboard.example:3000")) {
            dashboard.nextMessage("connection");
        }
    }

    private static void assertUnauthorized(HubTestClient client) {
        JsonNode error = client.nextMessage("error");
        assertThat(error.path("data").path("code").asText()).isEqualTo("unauthorized");
        HubTestClient.Closed closed = client.nextClose();
        assertThat(closed.code()).isEqualTo(4401);
        assertThat(closed.reason()).startsWith("unauthorized");
        client.assertExhausted();
    }

    private JsonNode stats() {
        return api.send(admin("/api/v1/websocket/stats").GET()).body().path("data");
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
