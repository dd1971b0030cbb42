package dev.singletable.console.showcase;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.console.probe.Page;
import dev.singletable.console.probe.ProbeApplication;
import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console attacked from a real headless Chromium (see {@link Chromium}), without Spring Security, changes
 * allowed: a page the test serves on another loopback port tosses a CSRF cookie and posts a deletion; a name that
 * resolves to 127.0.0.1 (Chromium's host resolver rules stand in for DNS rebinding) reads the console; an HTML blob
 * whose script is another resource's JavaScript blob reads a token and deletes. Each is refused: the resource stays,
 * the page shows the console's refusal or nothing of it.
 */
class ConsoleBrowserAttackIntegrationTests {

	private static final String REBOUND = "attacker.example";

	private static @Nullable ConfigurableApplicationContext app;

	private static @Nullable ChromeDriver chrome;

	private static @Nullable HttpServer attacker;

	private static volatile String attackPage = "";

	@BeforeAll
	static void start() throws IOException {
		app = ProbeApplication.start("console-browser-attack-" + System.nanoTime() % 100_000);
		chrome = Chromium.start("--host-resolver-rules=MAP " + REBOUND + " 127.0.0.1");
		// the attacker's own server: another port of this machine, the same site as the console
		attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		attacker.createContext("/", (exchange) -> {
			byte[] body = attackPage.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		attacker.start();
	}

	@AfterAll
	static void stop() {
		if (chrome != null) {
			chrome.quit();
		}
		if (attacker != null) {
			attacker.stop(0);
		}
		if (app != null) {
			app.close();
		}
	}

	private static ChromeDriver chrome() {
		if (chrome == null) {
			throw new IllegalStateException("Chromium is not running");
		}
		return chrome;
	}

	private static SingleTableTemplate template() {
		return app.getBean(SingleTableTemplate.class);
	}

	private static String console() {
		return "http://127.0.0.1:" + ProbeApplication.port(app);
	}

	@Test
	void aCookieTossedByAPageOnAnotherLoopbackPortDoesNotDeleteAResource() {
		Page victim = template().create(new Page(null, null, "victim of a tossed cookie", "<p></p>", ";"));
		String delete = console() + "/singletable/types/Page/" + victim.id() + "/delete";
		attackPage = "<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\"" + delete + "\">"
				+ "<input name=\"singletable_console_csrf\" value=\"tossed\"></form><script>"
				+ "document.cookie = 'singletable_console_csrf=tossed; path=/singletable';"
				+ "document.getElementById('f').submit();</script></body></html>";
		ChromeDriver chrome = chrome();
		chrome.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/toss");
		// the form's POST ends on the console (its refusal, or before the fix the type page it redirected to)
		new WebDriverWait(chrome, Duration.ofSeconds(10)).until((driver) -> driver.getCurrentUrl().startsWith(console())
				&& "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.readyState")));
		assertThat(template().findById(Page.class, victim.id())).isPresent();
		assertThat(chrome.getCurrentUrl()).isEqualTo(delete);
		assertThat(chrome.findElement(By.id("error-page")).getText()).contains("must come from one of its pages");
	}

	@Test
	void aNameReboundToLoopbackReadsNothingOfTheConsole() {
		Page secret = template().create(new Page(null, null, "read by rebinding", "<p></p>", ";"));
		ChromeDriver chrome = chrome();
		String rebound = "http://" + REBOUND + ":" + ProbeApplication.port(app) + "/singletable";
		for (String path : new String[] { "", "/types/Page", "/types/Page/" + secret.id() + "/delete" }) {
			chrome.get(rebound + path);
			assertThat(chrome.findElement(By.id("error-page")).getText()).as(path)
				.contains("does not answer requests for host 'attacker.example:");
			assertThat(chrome.getPageSource()).doesNotContain("read by rebinding", "singletable_console_csrf",
					"id=\"types\"");
		}
		// the same console by its loopback name answers
		chrome.get(console() + "/singletable/types/Page/" + secret.id());
		assertThat(chrome.findElement(By.id("latest-json")).getText()).contains("read by rebinding");
	}

	@Test
	void anHtmlBlobWhoseScriptIsAnotherResourcesBlobNeverRuns() throws InterruptedException {
		Page victim = template().create(new Page(null, null, "victim of a blob", "<p></p>", ";"));
		String victimPath = "/singletable/types/Page/" + victim.id();
		String steal = "document.title = 'blob script ran';"
				+ "fetch('" + victimPath + "/delete').then(function (r) { return r.text(); }).then(function (t) {"
				+ "  var m = t.match(/name=\"singletable_console_csrf\" value=\"([^\"]+)\"/);"
				+ "  return fetch('" + victimPath + "/delete', { method: 'POST', headers: { 'Content-Type': "
				+ "'application/x-www-form-urlencoded' }, body: 'singletable_console_csrf=' + encodeURIComponent(m[1]) });"
				+ "}).then(function () { document.title = 'blob script deleted'; });";
		Page script = template().create(new Page(null, null, "the script", "<p></p>", steal));
		Page html = template().create(new Page(null, null, "the page", "<!DOCTYPE html><html><head><title>blob page</title>"
				+ "<script src=\"/singletable/types/Page/" + script.id() + "/blobs/script\"></script></head>"
				+ "<body><h1 id=\"blob-body\">a blob</h1></body></html>", ";"));
		ChromeDriver chrome = chrome();
		// the developer opens a link to the blob, as a message or a page of the attacker would give it
		chrome.get(console() + "/singletable");
		chrome.get(console() + "/singletable/types/Page/" + html.id() + "/blobs/html");
		// nothing to wait for when nothing runs: the time the script needed before the fix (well under a second)
		Thread.sleep(2000);
		assertThat(template().findById(Page.class, victim.id())).isPresent();
		assertThat(chrome.getTitle()).doesNotContain("blob script");
		assertThat(chrome.findElements(By.id("blob-body"))).isEmpty();
		// the resource page offers the blob as a download and previews none of it
		chrome.get(console() + "/singletable/types/Page/" + html.id());
		assertThat(chrome.findElement(By.cssSelector("div.blob[data-property='html'] a.blob-download"))
			.getDomAttribute("download")).isEqualTo("html.html");
		assertThat(chrome.findElements(By.cssSelector("div.blob[data-property='html'] .blob-preview"))).isEmpty();
		assertThat(chrome.getTitle()).doesNotContain("blob script");
		assertThat(template().findById(Page.class, victim.id())).isPresent();
	}

}
