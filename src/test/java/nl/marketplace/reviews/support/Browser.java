package nl.marketplace.reviews.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian (packages chromium and chromium-driver; {@code .ci/run} installs
 * them), driven through Debian's chromedriver. Both paths are given, so Selenium never looks for,
 * or downloads, a browser or a driver of its own.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("test.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("test.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final File profile;

    /** A browser whose preferred language is {@code language} ("nl-NL"), with a window (below 500 px wide: a phone's viewport) of this size. */
    public Browser(String language, int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and chromedriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        try {
            profile = Files.createTempDirectory("reviews-chromium").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the networking flags Chromium keeps calling Google's hosts, which this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--lang=" + language, "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.getAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // The console's messages (a Content-Security-Policy violation is one), for consoleErrors().
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (width < 500) {
            // A window is never narrower than about 500 px, even headless: a phone's viewport is emulated
            // (as Chromium's device toolbar does), or a 375 px test would lay the page out at 485 px.
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0,
                    "mobile", true, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** Waits up to 15 s for the condition. */
    public <T> T await(java.util.function.Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.apply((ChromeDriver) d));
    }

    /** The first element matching, once there is one. */
    public WebElement find(By by) {
        return await(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Waits until some element matching has this text in it; returns that element. */
    public WebElement findWithText(By by, String text) {
        return await(d -> d.findElements(by).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The console's errors since the last call (Chromium hands each message out once). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile.toPath())) {
            files.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
