package io.hacamel.bridge;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.WebhookSink;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User names and passwords written into a URL (Home Assistant's, a webhook's) are masked wherever the bridge shows or
 * logs the URL: /health, /status, the overview, Camel's properties console and every log line (even at DEBUG), through
 * connecting, a reconnect, a read over the REST API and a failed webhook delivery. They are not sent to Home Assistant (it takes
 * the token), and a webhook target gets them as Basic authentication.
 */
class UrlCredentialsTest extends BridgeTestSupport {

    private static final String HA_USER = "ha-url-user-41c9";
    private static final String HA_PASSWORD = "ha-url-pass-5d1c";
    private static final String HOOK_USER = "hook-url-user-0b7e";
    private static final String HOOK_PASSWORD = "hook-url-pass-7e2a";
    private static final String HOOK_BASIC = Base64.getEncoder().encodeToString((HOOK_USER + ":" + HOOK_PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
    private static final List<String> SECRETS = List.of(HA_USER, HA_PASSWORD, HOOK_USER, HOOK_PASSWORD, HOOK_BASIC);
    /** The bridge's home: the URLs are in its application.properties, as a user writes them. */
    private static final Path HOME = temporaryDirectory();

    private static LogCapture logs;
    private WebhookSink sink;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return BridgeFiles.propertiesLocations(HOME);
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        // not as test overrides, which Camel's start-up summary lists with their values
        properties.remove("ha.url");
        URI ha = URI.create(simulator.httpUrl());
        sink = WebhookSink.start();
        URI hook = URI.create(sink.url("/hook"));
        Properties file = new Properties();
        file.put("ha.url", ha.getScheme() + "://" + HA_USER + ":" + HA_PASSWORD + "@" + ha.getRawAuthority());
        file.put("webhook.alarm.url", hook.getScheme() + "://" + HOOK_USER + ":" + HOOK_PASSWORD + "@"
                + hook.getRawAuthority() + hook.getRawPath());
        try (Writer out = Files.newBufferedWriter(HOME.resolve("application.properties"))) {
            file.store(out, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        properties.put("webhooks.targets", "alarm");
        properties.put("webhooks.retry.max-retries", "0");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bridge-home");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
    }

    @Test
    void userInfoInUrlsIsMaskedEverywhere() {
        awaitReady();
        StringBuilder shown = new StringBuilder();
        sink.answer(503);
        simulator.home().setState("light.camel_lamp", "on");
        assertThat(sink.next().header("Authorization")).as("the URL's user and password").isEqualTo("Basic "
                + HOOK_BASIC);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/webhooks/dead-letters").text()
                .contains("\"count\":1"));
        shown.append(api.get("/api/v1/webhooks/dead-letters").text());
        long restRequests = simulator.stats().restRequests();
        // not in the cache: asked of Home Assistant's REST API, which answers (404) once the URL has no user info
        ApiClient.Answer fetched = api.get("/api/v1/states/light.not_in_the_cache");
        shown.append(fetched.text());
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/status").body().path("home_assistant")
                .path("reconnects").asLong() == 1);
        for (String path : new String[] {"/health", "/status", "/api/v1/overview", "/health/ready"}) {
            shown.append(api.get(path).text());
        }
        DevConsole properties = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("properties");
        shown.append(properties.call(DevConsole.MediaType.TEXT)).append(properties.call(DevConsole.MediaType.JSON));

        assertThat(fetched.status()).as(fetched.text()).isEqualTo(404);
        assertThat(simulator.stats().restRequests()).isEqualTo(restRequests + 1);
        assertThat(api.get("/health").body().path("home_assistant").path("url").asText()).isEqualTo("ws://"
                + URI.create(simulator.httpUrl()).getRawAuthority() + "/api/websocket");
        assertThat(api.get("/status").body().path("configuration").path("ha.url").asText())
                .startsWith("http://****@127.0.0.1:");
        for (String secret : SECRETS) {
            assertThat(shown.toString()).as("shown by the bridge").doesNotContain(secret);
            assertThat(logs.lines()).as("log lines").isNotEmpty().noneMatch(line -> line.contains(secret));
        }
    }
}
