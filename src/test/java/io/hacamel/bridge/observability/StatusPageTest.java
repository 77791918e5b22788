package io.hacamel.bridge.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The status page's files and the overview it polls, over HTTP. The page in a browser: StatusPageBrowserTest. */
class StatusPageTest extends BridgeTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageAndItsFilesFromTheJarOnly() throws Exception {
        HttpResponse<String> page = get("/", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.body()).contains("<title>ha-camel-bridge</title>", "/ui/status-page.js", "/ui/status-page.css");

        for (Map.Entry<String, String> file : Map.of("status-page.js", "text/javascript; charset=utf-8",
                "status-page.css", "text/css; charset=utf-8", "favicon.svg", "image/svg+xml").entrySet()) {
            HttpResponse<String> answer = get("/ui/" + file.getKey(), "*/*");
            assertThat(answer.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(file.getValue());
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        for (String other : new String[] {"/ui/nothing.js", "/ui/..%2Fapplication.properties", "/ui/index.html%00.js",
                "/ui/%2E%2E%2Fjolokia-access.xml"}) {
            Answer refused = api.get(other);
            assertThat(refused.status()).as(other).isEqualTo(404);
            assertThat(refused.body().path("success").asBoolean()).isFalse();
        }
    }

    @Test
    void theOverviewHasTheSessionTheEventRateTheCacheAndAddedSections() {
        awaitReady();
        simulator.home().setState("switch.camel_switch", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/overview").body().path("events")
                .path("processed").asLong() >= 8);

        JsonNode overview = api.get("/api/v1/overview").body();

        assertThat(overview.path("bridge").path("demo_mode").asBoolean()).isFalse();
        assertThat(overview.path("home_assistant").path("state").asText()).isEqualTo("READY");
        assertThat(overview.path("home_assistant").path("ha_version").asText()).isEqualTo("2023.6.3");
        assertThat(overview.path("home_assistant").path("connected_since").asText()).isNotEmpty();
        assertThat(overview.path("cache").path("entities").asInt()).isEqualTo(6);
        assertThat(overview.path("cache").path("reads").asLong()).isZero();
        JsonNode rate = overview.path("events").path("rate");
        assertThat(rate.path("bucket_seconds").asInt()).isEqualTo(10);
        assertThat(rate.path("counts")).hasSize(60);
        long counted = 0;
        for (JsonNode bucket : rate.path("counts")) {
            counted += bucket.asLong();
        }
        assertThat(counted).isEqualTo(overview.path("events").path("processed").asLong());
        JsonNode sections = overview.path("sections");
        assertThat(sections.fieldNames()).toIterable()
                .containsExactly("breaker", "cluster", "dead_letters", "hub", "live_events", "publish", "user_routes");
        assertThat(sections.path("cluster").path("role").asText()).as("the only bridge leads").isEqualTo("leader");
        assertThat(sections.path("cluster").path("kind").asText()).isEqualTo("none");
        assertThat(sections.path("cluster").path("last_transition").path("to").asText()).isEqualTo("leader");
        assertThat(sections.path("breaker").path("state").asText()).isEqualTo("CLOSED");
        assertThat(sections.path("breaker").path("failure_rate").asDouble()).as("not measured yet").isEqualTo(-1);
        assertThat(sections.path("breaker").path("fallbacks").asLong()).isZero();
        assertThat(sections.path("breaker").path("last_transition").isNull()).isTrue();
        assertThat(sections.path("publish").path("mqtt").isNull()).as("MQTT is off in tests").isTrue();
        assertThat(sections.path("publish").path("webhooks")).isEmpty();
        assertThat(sections.path("dead_letters").path("stored").asLong()).isZero();
        assertThat(sections.path("dead_letters").path("oldest").isNull()).isTrue();
        assertThat(sections.path("hub").path("clients").asInt()).isZero();
        assertThat(sections.path("live_events").path("path").asText()).isEqualTo("/ws");
        assertThat(sections.path("live_events").path("key_required").asBoolean()).isTrue();
        assertThat(api.withoutKey().get("/api/v1/overview").status()).as("the page's data needs the key")
                .isEqualTo(401);

        context.getRegistry().bind("anotherSection", OverviewSection.of("another_feature", () -> Map.of("ok", true)));
        assertThat(api.get("/api/v1/overview").body().path("sections").path("another_feature").path("ok").asBoolean())
                .isTrue();
    }

    @Test
    void thePolicyLetsThePageOpenTheHubOnItsOwnHostOnly() throws Exception {
        String policy = get("/", "text/html").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("connect-src 'self' ws://127.0.0.1:" + httpPort + " wss://127.0.0.1:" + httpPort
                + ";");

        assertThat(StatusPage.policy("bridge.local:8080")).contains("connect-src 'self' ws://bridge.local:8080 "
                + "wss://bridge.local:8080;");
        assertThat(StatusPage.policy("[::1]:8080")).contains("ws://[::1]:8080 wss://[::1]:8080;");
        for (String hostile : new String[] {null, "", "evil.example; script-src *", "a b", "x:8080/path", "*"}) {
            assertThat(StatusPage.policy(hostile)).as(hostile).contains("connect-src 'self';")
                    .doesNotContain("evil").doesNotContain("script-src *");
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
