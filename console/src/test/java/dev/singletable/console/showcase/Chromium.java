package dev.singletable.console.showcase;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Debian's headless Chromium driven through its chromedriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver},
 * or the system properties {@value #BINARY_PROPERTY} and {@value #DRIVER_PROPERTY}), with a fresh profile and
 * nothing that reaches the network. When either is missing the browser tests fail saying what to install, unless
 * {@code -D}{@value #SKIP_PROPERTY}{@code =true} skips them explicitly.
 */
final class Chromium {

	static final String BINARY_PROPERTY = "console.chromium";

	static final String DRIVER_PROPERTY = "console.chromedriver";

	static final String SKIP_PROPERTY = "console.browser.skip";

	/** {@code -Dconsole.screenshots=update} writes the screenshots into the reference page's directory. */
	static final String SCREENSHOTS_PROPERTY = "console.screenshots";

	private Chromium() {
	}

	static ChromeDriver start() {
		return start(new String[0]);
	}

	/**
	 * Starts Chromium with further command-line switches (such as {@code --host-resolver-rules}).
	 */
	static ChromeDriver start(String... switches) {
		assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), "browser tests skipped by -D" + SKIP_PROPERTY + "=true");
		Path binary = Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium"));
		Path driver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
		if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
			fail("The console's browser tests need Chromium and its driver (" + binary + ", " + driver
					+ "): install Debian's 'chromium chromium-driver' (apt-get install chromium chromium-driver; CI "
					+ "does), point -D" + BINARY_PROPERTY + " and -D" + DRIVER_PROPERTY + " at them, or skip these "
					+ "tests explicitly with -D" + SKIP_PROPERTY + "=true");
		}
		Path profile;
		try {
			profile = Files.createTempDirectory("console-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions().setBinary(binary.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900")
			.addArguments(switches);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		chrome.manage().window().setSize(new Dimension(1280, 900));
		return chrome;
	}

	/**
	 * Saves a screenshot of the whole page: into {@code docs/reference/console/} with
	 * {@code -Dconsole.screenshots=update}, else into {@code target/console-screenshots/}.
	 */
	static Path screenshot(ChromeDriver chrome, String name) {
		return screenshot(chrome, name, null);
	}

	/**
	 * Saves a screenshot of one element of the page (or the whole page for {@literal null}), where
	 * {@link #screenshot(ChromeDriver, String)} saves them.
	 */
	static Path screenshot(ChromeDriver chrome, String name, @Nullable String elementId) {
		boolean update = "update".equals(System.getProperty(SCREENSHOTS_PROPERTY));
		Path directory = update ? Path.of("..", "docs", "reference", "console") : Path.of("target", "console-screenshots");
		try {
			Files.createDirectories(directory);
			// the whole page: the window as tall as the document, at most 3000 pixels
			Object height = chrome.executeScript("return document.documentElement.scrollHeight");
			int tall = Math.min(3000, Math.max(600, ((Number) height).intValue()));
			Dimension before = chrome.manage().window().getSize();
			chrome.manage().window().setSize(new Dimension(1280, tall));
			File shot = (elementId != null) ? chrome.findElement(By.id(elementId)).getScreenshotAs(OutputType.FILE)
					: chrome.getScreenshotAs(OutputType.FILE);
			chrome.manage().window().setSize(before);
			Path target = directory.resolve(name + ".png");
			Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean isScreenshot(Path file) throws IOException {
		byte[] head = Files.readAllBytes(file);
		return head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
	}


}
