package dev.singletable.console.showcase;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console in a real headless Chromium (see {@link Chromium}), one browser for the class: for a compressed
 * versioned type with blobs, a sealed hierarchy, an item the Python library wrote and a resource whose values are a
 * script, a user navigates table, type, resource, the diff of versions 1 and 3 (and the blob previews); the script
 * stays text and never runs. With Spring Security an anonymous visitor is sent to the login page and a user
 * without the role is refused, the one with it let in. (A request from another machine, without Spring Security,
 * is refused: ConsoleWebMvcIntegrationTests#aRequestFromAnotherMachineIsRefusedUnlessRemoteClientsAreAllowed and
 * its WebFlux twin.) The pages' screenshots are taken here (see {@link Chromium#screenshot}).
 */
class ConsoleBrowserIntegrationTests extends ShowcaseTests {

	private static @Nullable ChromeDriver chrome;

	@BeforeAll
	static void startChromium() {
		chrome = Chromium.start();
	}

	@AfterAll
	static void stopChromium() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	private static ChromeDriver chrome() {
		ChromeDriver started = chrome;
		if (started == null) {
			throw new IllegalStateException("Chromium is not running");
		}
		return started;
	}

	/** Signs out, opens the console (Spring Security sends the browser to its login page) and signs in. */
	private void signIn(String user) {
		ChromeDriver chrome = chrome();
		chrome.manage().deleteAllCookies();
		chrome.get(base() + "/singletable");
		assertThat(chrome.getCurrentUrl()).contains("/login");
		chrome.findElement(By.id("username")).sendKeys(user);
		chrome.findElement(By.id("password")).sendKeys(ShowcaseApplication.PASSWORD);
		chrome.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(chrome, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	private static WebElement find(String css) {
		return chrome().findElement(By.cssSelector(css));
	}

	/** From the table page to the type's page, to the resource's, to the diff of versions 1 and 3. */
	private static void navigateToDiff(String type, String id) {
		ChromeDriver chrome = chrome();
		clickAndWait("#home-link", (url) -> url.endsWith("/singletable") || url.endsWith("/singletable/"));
		assertThat(find("#page-title").getText()).isNotBlank();
		clickAndWait("tr.type-row[data-type='" + type + "'] a.type-link",
				(url) -> url.endsWith("/singletable/types/" + type));
		clickAndWait("tr.resource-row[data-id='" + id + "'] a.resource-link",
				(url) -> url.endsWith("/singletable/types/" + type + "/" + id));
		assertThat(chrome.findElements(By.cssSelector("#version-timeline [data-version]"))).hasSizeGreaterThanOrEqualTo(3);
		new Select(find("#diff-form select[name=from]")).selectByValue("1");
		new Select(find("#diff-form select[name=to]")).selectByValue("3");
		clickAndWait("#diff-form button[type=submit]", (url) -> url.contains("from=1") && url.contains("to=3"));
	}

	/**
	 * Clicks an element and waits until the browser shows the page it leads to (a click returns before a form's
	 * navigation has ended), failing with the address it shows otherwise.
	 */
	private static void clickAndWait(String css, java.util.function.Predicate<String> arrived) {
		ChromeDriver chrome = chrome();
		find(css).click();
		new WebDriverWait(chrome, Duration.ofSeconds(10)).withMessage(() -> "after clicking " + css + " the browser shows "
				+ chrome.getCurrentUrl())
			.until((driver) -> arrived.test(driver.getCurrentUrl())
					&& "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	private static List<String> changedLines() {
		return chrome().findElements(By.cssSelector("#diff-table tr.diff-changed")).stream().map(WebElement::getText).toList();
	}

	@Test
	void aCompressedVersionedTypeFromTheTableToTheDiffAndTheBlobPreviews() throws Exception {
		signIn("admin");
		ChromeDriver chrome = chrome();
		Chromium.screenshot(chrome, "table");
		clickAndWait("tr.type-row[data-type='Report'] a.type-link", (url) -> url.endsWith("/singletable/types/Report"));
		Chromium.screenshot(chrome, "type");
		navigateToDiff("Report", data().report());
		assertThat(changedLines()).anySatisfy((line) -> assertThat(line).contains("first draft", "final"));
		assertThat(find("#latest-json").getText()).contains("\"title\" : \"final\"");
		Chromium.screenshot(chrome, "resource");
		Chromium.screenshot(chrome, "diff", "diff-section");

		WebElement text = find("div.blob[data-property='body'] .blob-preview");
		assertThat(text.getText()).isEqualTo("Quarterly numbers: up.");
		WebElement image = find("div.blob[data-property='chart'] img.blob-preview");
		new WebDriverWait(chrome, Duration.ofSeconds(10)).until((driver) -> Boolean.TRUE
			.equals(chrome.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
		assertThat(chrome.executeScript("return arguments[0].naturalWidth", image)).isEqualTo(120L);
		Chromium.screenshot(chrome, "blob", "blobs");
	}

	@Test
	void aHierarchyFromTheTableToTheDiff() {
		signIn("admin");
		assertThat(find("tr.type-row[data-type='Payment'] .subtypes").getText()).contains("Card", "Transfer");
		navigateToDiff("Payment", data().card());
		assertThat(find("#subtype").getText()).contains("Card");
		assertThat(changedLines()).anySatisfy((line) -> assertThat(line).contains("4242", "0005"));
	}

	@Test
	void anItemThePythonLibraryWroteFromTheTableToTheDiff() {
		python.assumeAvailable();
		signIn("admin");
		navigateToDiff("CrossDoc", data().pythonDoc());
		assertThat(changedLines())
			.anySatisfy((line) -> assertThat(line).contains("written by Python", "updated by Python again"));
	}

	@Test
	void aStoredScriptIsShownAsTextAndNeverRuns() {
		signIn("admin");
		ChromeDriver chrome = chrome();
		navigateToDiff("Note", data().note());
		assertThat(find("#latest-json").getText()).contains(SCRIPT.replace("\"", "\\\"") + " v3");
		assertThat(changedLines()).anySatisfy((line) -> assertThat(line).contains("<script>document.title"));
		assertThat(find("#page-title").getText()).contains("Note");
		assertThat(chrome.getTitle()).startsWith("Note ").endsWith(" · singletable console");
		assertThat(chrome.executeScript("return window.consolePwned === undefined")).isEqualTo(true);
		assertThat(chrome.findElements(By.cssSelector("#console-main script"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> chrome.switchTo().alert());

		clickAndWait("a.collection-link", (url) -> url.contains("/collections/"));
		assertThat(chrome.findElements(By.id("collection-page"))).as(chrome::getPageSource).isNotEmpty();
		assertThat(find(".collection-group[data-type='Note']").getText()).contains("<script>");
		assertThat(chrome.getTitle()).startsWith("Item collection owner#<script>").endsWith(" · singletable console");
		assertThat(chrome.executeScript("return window.consolePwned === undefined")).isEqualTo(true);
		assertThat(chrome.findElements(By.cssSelector("#console-main script, #console-main img"))).isEmpty();
		Chromium.screenshot(chrome, "collection");
	}

	@Test
	void anAnonymousVisitorIsSentToSignInAndOnlyAUserWithTheRoleIsLetIn() {
		ChromeDriver chrome = chrome();
		signIn("viewer");
		assertThat(chrome.findElements(By.id("types"))).isEmpty();
		assertThat(find("#error-page").getText()).contains("lacks role ADMIN");
		signIn("admin");
		assertThat(find("#types").isDisplayed()).isTrue();
	}

}
