package io.hacamel.bridge.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

import static io.hacamel.bridge.observability.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web page of another site, opened in the same browser as a user of the bridge (served here by a second HTTP server
 * on another port of this machine, as the attack was): it tries to unlock the front door with a no-cors POST
 * of a Blob (no Content-Type, no preflight), to read every state with fetch, and to listen to the hub. The bridge
 * refuses all three for their Origin, before any key is looked at, and the door stays locked.
 */
class ForeignPageBrowserTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ATTACK = """
            <!doctype html><html><head><meta charset="utf-8"><title>cute cats</title></head><body>
            <pre id="results">{}</pre>
            <script>
            const bridge = 'http://127.0.0.1:%1$d';
            const results = {};
            function done(name, value) {
              results[name] = value;
              document.getElementById('results').textContent = JSON.stringify(results);
            }
            const unlock = new Blob([JSON.stringify({ target: { entity_id: 'lock.front_door' } })]);
            fetch(bridge + '/api/v1/services/lock/unlock', { method: 'POST', mode: 'no-cors', body: unlock })
              .then(() => done('unlock', 'sent'), (error) => done('unlock', 'failed'));
            fetch(bridge + '/api/v1/states').then((answer) => answer.text())
              .then((body) => done('states', body), (error) => done('states', 'refused'));
            const socket = new WebSocket('ws://127.0.0.1:%1$d/ws');
            socket.onmessage = (message) => done('hub', message.data);
            socket.onclose = (event) => { if (!results.hub) { done('hub', 'closed ' + event.code); } };
            </script></body></html>
            """;

    @TempDir
    Path browserProfile;

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    @Test
    @EnabledIf(value = "io.hacamel.bridge.observability.HeadlessChromium#installed",
            disabledReason = HeadlessChromium.NOT_INSTALLED)
    void aPageOfAnotherSiteCanNeitherUnlockNorReadNorListen() throws Exception {
        awaitReady();
        assertThat(simulator.home().state("lock.front_door").path("state").asText()).isEqualTo("locked");
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = String.format(ATTACK, httpPort).getBytes(StandardCharsets.UTF_8);
        site.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        site.start();
        WebDriver browser = HeadlessChromium.start(browserProfile);
        try {
            browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
            await().atMost(WAIT).until(() -> results(browser).size() == 3);
            JsonNode results = results(browser);
            assertThat(results.path("states").asText()).as("fetch of the states").isEqualTo("refused");
            assertThat(results.path("hub").asText()).as("the hub").isEqualTo("closed 1006");
            assertThat(simulator.home().state("lock.front_door").path("state").asText()).isEqualTo("locked");
            assertThat(simulator.stats().executions("lock.unlock")).isZero();
            assertThat(refusedForTheirOrigin()).as("the POST, the fetch and the WebSocket").isEqualTo(3);
        } finally {
            browser.quit();
            site.stop(0);
        }
    }

    private static JsonNode results(WebDriver browser) throws IOException {
        return new ObjectMapper().readTree(text(browser, "results"));
    }

    private double refusedForTheirOrigin() {
        PrometheusMeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry",
                PrometheusMeterRegistry.class);
        return PrometheusScrape.of(meters.scrape()).value("habridge_api_requests_refused_total", "reason", "origin");
    }
}
