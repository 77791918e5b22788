package io.hacamel.bridge.observability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static io.hacamel.bridge.observability.HeadlessChromium.consoleErrors;
import static io.hacamel.bridge.observability.HeadlessChromium.text;
import static io.hacamel.bridge.observability.HeadlessChromium.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page of a bridge with a key: it shows nothing until a person types the API key, which the tab keeps
 * (sessionStorage) and sends as Authorization: Bearer to the API and as the hub's first message, never in an address;
 * a refused key is forgotten and asked for again.
 */
class StatusPageKeyBrowserTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String API_KEY = "page-api-key-0b41d7";

    @TempDir
    Path browserProfile;

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("demo.change-interval", "500");
        properties.put("bridge.api-key", API_KEY);
    }

    @Test
    @EnabledIf(value = "io.hacamel.bridge.observability.HeadlessChromium#installed",
            disabledReason = HeadlessChromium.NOT_INSTALLED)
    void aPersonTypesTheKeyOnceForTheTab() {
        awaitReady();
        WebDriver browser = HeadlessChromium.start(browserProfile);
        try {
            String page = "http://127.0.0.1:" + httpPort + "/";
            browser.get(page);
            await().atMost(WAIT).until(() -> browser.findElement(By.id("key-form")).isDisplayed());
            assertThat(text(browser, "ha-state")).as("nothing shown without the key").isEqualTo("…");
            assertThat(browser.findElements(By.cssSelector("#live-list li"))).isEmpty();

            enter(browser, "not-the-key");
            await().atMost(WAIT).until(() -> browser.findElement(By.id("key-form")).isDisplayed()
                    && text(browser, "key-note").equals("The bridge did not accept that key."));
            assertThat(stored(browser)).as("a refused key is forgotten").isNull();
            assertThat(text(browser, "ha-state")).isEqualTo("…");

            enter(browser, API_KEY);
            await().atMost(WAIT).until(() -> text(browser, "ha-state").equals("READY"));
            await().atMost(WAIT).until(() -> text(browser, "live-status").equals("live"));
            assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
            await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#live-list li")).isEmpty());
            assertThat(stored(browser)).isEqualTo(API_KEY);

            // the tab keeps the key: a reload shows the bridge without asking again
            browser.navigate().refresh();
            await().atMost(WAIT).until(() -> text(browser, "live-status").equals("live"));
            assertThat(text(browser, "ha-state")).isEqualTo("READY");
            assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
            assertThat(browser.getCurrentUrl()).isEqualTo(page);
            await().atMost(WAIT).until(() -> text(browser, "hub-clients").equals("1"));
            assertThat(visible(browser, "hub-unauthorized")).isEqualTo("0");
            assertThat(browser.getPageSource()).doesNotContain(API_KEY);
            assertThat(consoleErrors(browser)).noneMatch(error -> error.contains(API_KEY))
                    .noneMatch(error -> error.contains("Content Security Policy"));
        } finally {
            browser.quit();
        }
    }

    private static void enter(WebDriver browser, String key) {
        WebElement field = browser.findElement(By.id("key"));
        field.sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button")).click();
    }

    private static Object stored(WebDriver browser) {
        return ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('ha-camel-bridge.api-key');");
    }
}
