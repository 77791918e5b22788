package io.hacamel.bridge.observability;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code chromium} and {@code chromium-driver} for the status page's browser tests (.ci/run installs them);
 * tests skip themselves with {@code @EnabledIf("io.hacamel.bridge.observability.HeadlessChromium#installed")}.
 */
final class HeadlessChromium {

    private static final Optional<Path> CHROMIUM = onPath("chromium");
    private static final Optional<Path> CHROMEDRIVER = onPath("chromedriver");

    static final String NOT_INSTALLED = "no chromium and chromedriver on the PATH: the status page is not checked in a "
            + "browser (apt-get install chromium chromium-driver)";

    private HeadlessChromium() {
    }

    /** Checked before the bridge starts, so that a machine without a browser skips the test at once. */
    static boolean installed() {
        return CHROMIUM.isPresent() && CHROMEDRIVER.isPresent();
    }

    static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.orElseThrow().toFile());
        // the machine may have no network and no display: nothing may phone home, nothing may need a GPU
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Errors in the browser's console since the last call (a script or style the policy blocked, say). */
    static List<String> consoleErrors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The element's text, which must be on screen. */
    static String visible(WebDriver browser, String id) {
        WebElement element = browser.findElement(By.id(id));
        assertThat(element.isDisplayed()).as("#" + id + " is visible").isTrue();
        return element.getText();
    }

    /** To target/; {@code -Dstatus-page.screenshots=docs} also writes it to docs/. */
    static void screenshot(WebDriver browser, String name) throws Exception {
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
