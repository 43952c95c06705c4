package dev.modeldock.ui.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven by Debian's chromedriver
 * ({@code /usr/bin/chromedriver}) through Selenium; never a downloaded browser or driver. One per
 * test class ({@code @RegisterExtension}), after the {@link UiServer} it browses.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {
    public static final Dimension DESKTOP = new Dimension(1440, 1000);
    public static final Dimension PHONE = new Dimension(375, 812);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * How often a wait looks again. Selenium's default, 500 ms, adds a quarter of a second to the
     * average wait, and the browser tests wait a few hundred times.
     */
    private static final Duration POLL = Duration.ofMillis(50);

    private final UiServer server;
    private ChromeDriver driver;
    private Path profile;

    public Browser(UiServer server) {
        this.server = server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("modeldock-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path on the server ({@code /models/x}). */
    public Browser open(String path) {
        driver.get(server.baseUrl() + path);
        return this;
    }

    /** Signs in through the form as {@code user} with {@link UiServer#PASSWORD}, landing on the catalog. */
    public Browser signInAs(String user) {
        signOutIfSignedIn();
        open("/sign-in");
        type(By.id("name"), user);
        type(By.id("password"), UiServer.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit].primary")).click();
        waitFor(By.cssSelector("header .account"));
        return this;
    }

    /** Ends any session by deleting the browser's cookies (the server's sign-out is tested on its own). */
    public void signOutIfSignedIn() {
        if (driver.getCurrentUrl().startsWith("http")) {
            driver.manage().deleteAllCookies();
        }
    }

    /**
     * Types {@code text} into the field, replacing what it held. A form part that htmx swaps in (after
     * the previous field's input, say) can replace the element between finding it and typing: the
     * field is then found again.
     */
    public void type(By field, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement element = driver.findElement(field);
                element.clear();
                element.sendKeys(text);
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public WebElement waitFor(By by) {
        return waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The document now shown, for {@link #waitUntilReplaced} after an action that loads the next one. */
    public WebElement currentPage() {
        return driver.findElement(By.tagName("html"));
    }

    /**
     * Waits until {@code page}, from {@link #currentPage}, has given way to another document. Without
     * it, a wait for an element both pages have (a form's answer, say) can pass on the old page.
     */
    public void waitUntilReplaced(WebElement page) {
        waitUpTo(WAIT).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            }
        });
    }

    /** Waits up to {@code timeout} until {@code by} holds {@code text}. */
    public void waitForText(By by, String text, Duration timeout) {
        waitUpTo(timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** A wait of up to {@code timeout} that looks again every 50 ms, and again when the page is being replaced. */
    public WebDriverWait waitUpTo(Duration timeout) {
        return new PageWait(driver, timeout);
    }

    /**
     * A wait whose condition, run while one document replaces another, may meet Chrome's "Node with
     * given id does not belong to the document" (an element of the page being torn down: not yet
     * "stale", and no fault of the page). It counts as "not yet", as Selenium counts a missing element;
     * CI met it after form posts on the plugin and audit pages.
     */
    private static final class PageWait extends WebDriverWait {
        PageWait(ChromeDriver driver, Duration timeout) {
            super(driver, timeout, POLL);
        }

        @Override
        public <V> V until(Function<? super WebDriver, ? extends V> condition) {
            return super.until(driver -> {
                try {
                    return condition.apply(driver);
                } catch (WebDriverException e) {
                    if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                        return null;
                    }
                    throw e;
                }
            });
        }
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Writes the page as it looks now at desktop (1440 px) and phone (375 px) widths, full height,
     * to {@code web/target/screenshots/NAME-desktop.png} and {@code NAME-phone.png}, and fails when
     * the page scrolls sideways at either width.
     */
    public void screenshots(String name) {
        try {
            Path folder = Files.createDirectories(Path.of(System.getProperty("modeldock.screenshots.dir",
                    "target/screenshots")));
            for (Dimension size : List.of(DESKTOP, PHONE)) {
                String label = size == DESKTOP ? "desktop" : "phone";
                driver.manage().window().setSize(size);
                Number height = (Number) script("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new Dimension(size.width, Math.min(4000, Math.max(size.height,
                        height.intValue() + 140))));
                Files.write(folder.resolve(name + "-" + label + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Number overflow = (Number) script("return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth");
                if (overflow.intValue() > 0) {
                    throw new AssertionError(name + " scrolls sideways by " + overflow + " px at " + size.width
                            + " px wide");
                }
            }
            driver.manage().window().setSize(DESKTOP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
