package io.hacamel.bridge.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.WebhookSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static io.hacamel.bridge.observability.HeadlessChromium.consoleErrors;
import static io.hacamel.bridge.observability.HeadlessChromium.screenshot;
import static io.hacamel.bridge.observability.HeadlessChromium.text;
import static io.hacamel.bridge.observability.HeadlessChromium.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in headless Chromium against the bridge in demo mode as a newcomer first runs it (no key, this
 * machine only), with MQTT (its embedded broker) and a webhook target that refuses everything: what a person sees on a
 * desktop and on a phone, the last events arriving live through the hub. Screenshots go to target/. With a key:
 * StatusPageKeyBrowserTest.
 */
class StatusPageBrowserTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FRONT_DOOR = "li[data-entity-id='lock.front_door']";

    @TempDir
    Path browserProfile;
    private WebhookSink sink;

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("bridge.api-key", "");
        // lively enough for the chart, slow enough that a change stays among the last 15 on the page for seconds
        properties.put("demo.change-interval", "500");
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.embedded.port", "0");
        sink = WebhookSink.start();
        sink.answer(400); // refused for good: a dead letter at once
        properties.put("webhooks.targets", "alarm");
        properties.put("webhook.alarm.url", sink.url("/hooks/alarm"));
        properties.put("webhook.alarm.domains", "lock");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
    }

    @Test
    @EnabledIf(value = "io.hacamel.bridge.observability.HeadlessChromium#installed",
            disabledReason = HeadlessChromium.NOT_INSTALLED)
    void showsTheBridgeAtAGlanceOnADesktopAndAPhone() throws Exception {
        awaitReady();
        int entities = api.get("/api/v1/states").body().size();

        WebDriver browser = HeadlessChromium.start(browserProfile);
        try {
            browser.manage().window().setSize(new Dimension(1280, 1000));
            browser.get("http://127.0.0.1:" + httpPort + "/");

            await().atMost(WAIT).until(() -> text(browser, "ha-state").equals("READY"));
            assertThat(visible(browser, "ha-state-text")).isEqualTo("authenticated, subscribed and in sync");
            assertThat(visible(browser, "ha-version")).isEqualTo("2023.6.3");
            assertThat(visible(browser, "ha-url")).startsWith("ws://127.0.0.1:");
            assertThat(visible(browser, "demo")).isEqualTo("demo mode");
            assertThat(browser.findElement(By.id("offline")).isDisplayed()).isFalse();
            assertThat(visible(browser, "cache-entities")).isEqualTo(String.valueOf(entities));
            assertThat(visible(browser, "cache-hit-rate")).isEqualTo("no reads yet");
            assertThat(entities).isGreaterThan(24);
            assertThat(browser.findElements(By.className("not-configured"))).as("every feature has its card")
                    .noneMatch(WebElement::isDisplayed);

            WebElement chart = browser.findElement(By.id("rate-chart"));
            await().atMost(WAIT).until(() -> Integer.parseInt(chart.getAttribute("data-bars")) >= 1);
            assertThat(chart.getSize().getHeight()).isGreaterThan(50);
            WebElement bar = chart.findElements(By.cssSelector("rect.bar")).get(0);
            assertThat(bar.getSize().getHeight()).as("a bar drawn with data").isPositive();
            assertThat(visible(browser, "events-per-minute")).endsWith("in the last minute");
            await().atMost(WAIT).until(() -> number(text(browser, "events-processed")) > entities);

            await().atMost(WAIT).until(() -> text(browser, "live-status").equals("live"));
            await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#live-list li")).isEmpty());
            assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
            assertThat(browser.findElements(By.cssSelector("#live-list li"))).hasSizeLessThanOrEqualTo(15);

            // someone unlocks the front door: the page shows it among the last events, and the webhook target that
            // refuses it leaves a dead letter
            assertThat(api.post("/api/v1/services/lock/unlock", "{\"target\":{\"entity_id\":\"lock.front_door\"}}")
                    .status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector(FRONT_DOOR)).isEmpty());
            WebElement unlocked = browser.findElement(By.cssSelector(FRONT_DOOR));
            assertThat(unlocked.isDisplayed()).isTrue();
            assertThat(unlocked.findElement(By.className("entity")).getText()).isEqualTo("Front Door\nlock.front_door");
            assertThat(unlocked.findElement(By.className("change")).getText()).isEqualTo("locked → unlocked");
            assertThat(sink.next().json().path("entity_id").asText()).isEqualTo("lock.front_door");

            await().atMost(WAIT).until(() -> text(browser, "dead-letters-stored").equals("1"));
            assertThat(visible(browser, "dead-letters-oldest")).startsWith("lock.front_door for alarm, ")
                    .endsWith("(just now)");
            assertThat(visible(browser, "dead-letters-replays")).isEqualTo("0 delivered, 0 failed again");
            assertThat(browser.findElement(By.cssSelector("[data-section='dead_letters'] .explain")).getText())
                    .contains("GET /api/v1/webhooks/dead-letters");

            await().atMost(WAIT).until(() -> publishRows(browser).size() == 2
                    && publishRows(browser).get(1).contains("1 dead"));
            List<String> queues = publishRows(browser);
            assertThat(queues.get(0)).matches("MQTT \\(embedded broker\\) \\d+ \\d+ connected");
            assertThat(queues.get(1)).isEqualTo("webhook alarm 0 0 0 delivered, 0 retries, 1 dead");
            assertThat(visible(browser, "publish-retained")).matches("The broker holds [\\d,]+ retained topics of "
                    + "[\\d,]+ entities; [\\d,]+ states published\\.");

            assertThat(visible(browser, "breaker-state")).isEqualTo("CLOSED");
            assertThat(visible(browser, "breaker-state-text")).isEqualTo("service calls go over the session");
            assertThat(visible(browser, "breaker-failure-rate")).isEqualTo("not measured yet (1 of 5 calls)");
            assertThat(visible(browser, "breaker-transition")).isEqualTo("none since the bridge started");
            assertThat(visible(browser, "breaker-fallbacks")).isEqualTo("0 over the REST API");

            assertThat(visible(browser, "cluster-role")).isEqualTo("LEADER");
            assertThat(visible(browser, "cluster-role-text")).startsWith("takes MQTT commands, publishes to MQTT");
            assertThat(visible(browser, "cluster-holder")).endsWith(":" + httpPort);
            assertThat(visible(browser, "cluster-transition")).startsWith("to leader, ").endsWith(
                    ": the only bridge (cluster.kind=none)");
            assertThat(visible(browser, "cluster-kind")).isEqualTo("none: the only bridge (cluster.kind)");

            assertThat(visible(browser, "hub-clients")).as("the page itself").isEqualTo("1");
            assertThat(visible(browser, "hub-dropped")).isEqualTo("0");
            assertThat(visible(browser, "hub-unauthorized")).isEqualTo("0");

            assertThat(consoleErrors(browser)).as("errors in the browser's console (a blocked script, style or "
                    + "WebSocket, say)").isEmpty();
            screenshot(browser, "status-page.png");

            browser.manage().window().setSize(new Dimension(390, 844));
            await().atMost(WAIT).until(() -> cardLefts(browser).size() == 1);
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no sideways scrolling on a phone").isZero();
            assertThat(browser.findElement(By.id("ha-state")).isDisplayed()).isTrue();
            screenshot(browser, "status-page-phone.png");
        } finally {
            browser.quit();
        }
        sink.assertExhausted();
    }

    /** The publishing card's table, a row per target as a person reads it. */
    private static List<String> publishRows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#publish-targets tbody tr")).stream().map(WebElement::getText)
                .toList();
    }

    /** The distinct left edges of the cards: one when they are stacked in a single column. */
    private static List<Integer> cardLefts(WebDriver browser) {
        return browser.findElements(By.className("card")).stream().map(card -> card.getLocation().getX())
                .distinct().toList();
    }

    private static long number(String shown) {
        return Long.parseLong(shown.replace(",", ""));
    }
}
