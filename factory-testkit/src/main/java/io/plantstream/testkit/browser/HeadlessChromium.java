package io.plantstream.testkit.browser;

import io.plantstream.testkit.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for page tests: Debian's Chromium driven through its ChromeDriver, headless,
 * with a fresh profile and no background traffic (the build machines have no open network).
 * Both packages are installed with apt-get the first time they are missing.
 */
public final class HeadlessChromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * The page's console messages at level SEVERE since the last call (script errors, content the
     * security policy refused), without failed requests whose status the caller expects.
     */
    public static List<String> consoleErrors(ChromeDriver driver, int... expectedStatuses) {
        List<String> errors = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs().get(
                org.openqa.selenium.logging.LogType.BROWSER)) {
            if (entry.getLevel().intValue() < java.util.logging.Level.SEVERE.intValue()) {
                continue;
            }
            boolean expected = java.util.Arrays.stream(expectedStatuses)
                    .anyMatch(status -> entry.getMessage().contains("status of " + status));
            if (!expected) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** A new browser with its own profile folder under {@code profiles}; quit it when done. */
    public static ChromeDriver start(Path profiles, int width, int height) {
        DebianPackages.ensure(List.of(BROWSER, DRIVER), "chromium", "chromium-driver");
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(profiles), "chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "--lang=en-GB");
            // the page's console (script errors, refused content) stays readable for the tests
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a browser profile under " + profiles, e);
        }
    }
}
