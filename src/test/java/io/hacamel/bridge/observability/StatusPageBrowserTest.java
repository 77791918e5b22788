package io.hacamel.bridge.observability;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in headless Chromium against the bridge in demo mode: what a person sees on a desktop and on a
 * phone. Needs Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs them); skipped without them.
 * Screenshots go to target/; {@code -Dstatus-page.screenshots=docs} also writes them to docs/.
 */
class StatusPageBrowserTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Optional<Path> CHROMIUM = onPath("chromium");
    private static final Optional<Path> CHROMEDRIVER = onPath("chromedriver");

    @TempDir
    Path browserProfile;

    /** Checked before the bridge starts, so that a machine without a browser skips the test at once. */
    static boolean browserInstalled() {
        return CHROMIUM.isPresent() && CHROMEDRIVER.isPresent();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("demo.change-interval", "250");
    }

    @Test
    @EnabledIf(value = "browserInstalled", disabledReason = "no chromium and chromedriver on the PATH: the status "
            + "page is not checked in a browser (apt-get install chromium chromium-driver)")
    void showsTheBridgeAtAGlanceOnADesktopAndAPhone() throws Exception {
        awaitReady();
        int entities = api.get("/api/v1/states").body().size();

        WebDriver browser = start();
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

            WebElement chart = browser.findElement(By.id("rate-chart"));
            await().atMost(WAIT).until(() -> Integer.parseInt(chart.getAttribute("data-bars")) >= 1);
            assertThat(chart.getSize().getHeight()).isGreaterThan(50);
            WebElement bar = chart.findElements(By.cssSelector("rect.bar")).get(0);
            assertThat(bar.getSize().getHeight()).as("a bar drawn with data").isPositive();
            assertThat(visible(browser, "events-per-minute")).endsWith("in the last minute");
            assertThat(Long.parseLong(visible(browser, "events-processed").replace(",", ""))).isGreaterThan(entities);

            for (String section : List.of("breaker", "publish", "dead_letters", "live_events")) {
                WebElement card = browser.findElement(By.cssSelector("[data-section='" + section + "']"));
                assertThat(card.findElement(By.className("not-configured")).getText()).as(section)
                        .isEqualTo("not configured");
            }
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).toList();
            assertThat(errors).as("errors in the browser's console (a blocked script or style, say)").isEmpty();
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
    }

    private WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.orElseThrow().toFile());
        // the machine may have no network and no display: nothing may phone home, nothing may need a GPU
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + browserProfile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The distinct left edges of the cards: one when they are stacked in a single column. */
    private static List<Integer> cardLefts(WebDriver browser) {
        return browser.findElements(By.className("card")).stream().map(card -> card.getLocation().getX())
                .distinct().toList();
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The element's text, which must be on screen. */
    private static String visible(WebDriver browser, String id) {
        WebElement element = browser.findElement(By.id(id));
        assertThat(element.isDisplayed()).as("#" + id + " is visible").isTrue();
        return element.getText();
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", name), png);
        String copyTo = System.getProperty("status-page.screenshots");
        if (copyTo != null) {
            Files.write(Path.of(copyTo, name), png);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, program)).filter(Files::isExecutable).findFirst();
    }
}
