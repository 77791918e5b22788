package io.hacamel.bridge.hub;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.hub.RawHubClient.Frame;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one client, or one address, may take of the hub with the shipped limits: clients without a key have places of
 * their own (hub.max-unauthenticated-clients) and lose them at hub.auth-timeout, so a flood of them does not keep out
 * a client with a key; one address holds at most hub.max-clients-per-address; a subscription holds at most
 * hub.max-subscription-size entries; a text message that is not UTF-8 fails the connection with 1007.
 */
class HubLimitsTest extends BridgeTestSupport {

    private static final String KEY = "hub-limits-key-2c81f0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("bridge.api-key", KEY);
    }

    @Test
    void clientsWithoutAKeyCannotTakeThePlacesOfClientsWithOne() {
        awaitReady();
        List<RawHubClient> waiting = new ArrayList<>();
        List<RawHubClient> all = new ArrayList<>();
        int turnedAway = 0;
        try {
            for (int i = 0; i < 250; i++) {
                // ten from each of 25 addresses, below the per-address limit
                RawHubClient client = RawHubClient.connectWithoutKey("127.0.0." + (2 + i / 10), httpPort, 65536);
                all.add(client);
                Frame first = client.nextFrame();
                if (first.opcode() == 1) {
                    assertThat(first.text()).contains("\"auth_required\"");
                    waiting.add(client);
                } else {
                    assertThat(first.opcode()).isEqualTo(8);
                    assertThat(first.closeCode()).isEqualTo(1013);
                    turnedAway++;
                }
            }
            assertThat(waiting).hasSize(20);
            assertThat(turnedAway).isEqualTo(230);

            try (HubTestClient keyed = HubTestClient.connect(httpPort, "", "Authorization", "Bearer " + KEY)) {
                keyed.nextMessage("connection");
                keyed.nextMessage("system_status");
                JsonNode stats = hubStats();
                assertThat(stats.path("connected_clients").asInt()).isEqualTo(1);
                assertThat(stats.path("awaiting_auth").asInt()).isEqualTo(20);
                assertThat(stats.path("disconnects").path("too_many_unauthenticated").asLong()).isEqualTo(230);

                for (RawHubClient client : waiting) {
                    assertThat(client.awaitCloseCode()).as("closed at hub.auth-timeout").isEqualTo(4401);
                }
                keyed.send("ping", null, 1);
                keyed.nextMessage("pong");
                assertThat(hubStats().path("awaiting_auth").asInt()).isZero();
            }
        } finally {
            all.forEach(RawHubClient::close);
        }
    }

    @Test
    void oneAddressOneSubscriptionAndOneMessageHaveTheirLimits() {
        awaitReady();
        List<HubTestClient> local = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                local.add(keyed());
            }
            try (HubTestClient oneTooMany = HubTestClient.connect(httpPort, "", "Authorization", "Bearer " + KEY)) {
                assertThat(oneTooMany.nextClose().code()).isEqualTo(1013);
            }
            assertThat(hubStats().path("disconnects").path("too_many_from_address").asLong()).isEqualTo(1);

            HubTestClient client = local.get(0);
            List<String> ids = IntStream.range(0, 1296).mapToObj(i -> "x." + Integer.toString(36 * 36 + i, 36)
                    .substring(1)).toList();
            for (int batch = 0; batch < 16; batch++) {
                client.send("subscribe", entityIds(ids.subList(batch * 60, batch * 60 + 60)), batch);
                assertThat(client.nextMessage("subscribed").path("data").path("entity_ids")).hasSize(batch * 60 + 60);
            }
            client.send("subscribe", entityIds(ids.subList(960, 1020)), 16);
            JsonNode error = client.nextMessage("error");
            assertThat(error.path("data").path("code").asText()).isEqualTo("subscription_too_large");
            assertThat(error.path("data").path("field").asText()).isEqualTo("entity_ids");
            assertThat(error.path("data").path("error").asText()).contains("at most 1000", "would hold 1020");
            client.send("subscribe", entityIds(ids.subList(960, 1000)), 17);
            assertThat(client.nextMessage("subscribed").path("data").path("entity_ids")).hasSize(1000);
        } finally {
            local.forEach(HubTestClient::close);
        }

        try (RawHubClient raw = RawHubClient.connectWithoutKey("127.0.0.2", httpPort, 65536)) {
            assertThat(raw.nextFrame().text()).contains("\"auth_required\"");
            raw.sendText("{\"type\":\"auth\",\"data\":{\"api_key\":\"" + KEY + "\"}}");
            assertThat(raw.nextFrame().text()).contains("\"connection\"");
            assertThat(raw.nextFrame().text()).contains("\"system_status\"");
            raw.sendText(new byte[] {'{', (byte) 0xC3, '(', '}'});
            assertThat(raw.nextFrame().text()).contains("\"invalid_utf8\"");
            assertThat(raw.awaitCloseCode()).isEqualTo(1007);
        }
        assertThat(hubStats().path("disconnects").path("invalid_utf8").asLong()).isEqualTo(1);
    }

    private HubTestClient keyed() {
        HubTestClient client = HubTestClient.connect(httpPort, "", "Authorization", "Bearer " + KEY);
        client.nextMessage("connection");
        client.nextMessage("system_status");
        return client;
    }

    private static String entityIds(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"entity_ids\":[", "]}"));
    }

    private JsonNode hubStats() {
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/websocket/stats"))
                .header("Authorization", "Bearer " + KEY).GET()).body().path("data");
    }
}
