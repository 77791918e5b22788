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
        assertThat(overview.path("sections").size()).isZero();

        context.getRegistry().bind("breakerSection", new OverviewSection() {
            @Override
            public String name() {
                return "breaker";
            }

            @Override
            public Object snapshot() {
                return Map.of("state", "CLOSED");
            }
        });
        assertThat(api.get("/api/v1/overview").body().path("sections").path("breaker").path("state").asText())
                .isEqualTo("CLOSED");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
