package dev.singletable.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import dev.singletable.console.fixtures.Note;
import dev.singletable.console.fixtures.Task;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.RequestCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The console on Spring MVC without Spring Security, against DynamoDB Local: each page, and the rules (escaping,
 * loopback only, masking, read-only, CSRF, 404s naming what is missing, the first type page in one query).
 */
class ConsoleWebMvcIntegrationTests {

	private static final String SCRIPT = "<script>alert('x')</script>";

	private final RequestCounter requests = new RequestCounter();

	private void run(String table, ConsoleTest test, String... properties) {
		ConsoleTests.mvcWithoutSecurity(this.requests)
			.withPropertyValues(ConsoleTests.properties(ConsoleTests.uniqueTable(table), properties))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
				test.run(mvc, context.getBean(SingleTableTemplate.class));
			});
	}

	interface ConsoleTest {

		void run(MockMvc mvc, SingleTableTemplate template) throws Exception;

	}

	private static MockHttpServletResponse page(MockMvc mvc, String path) throws Exception {
		// a URI, not a template: the links of the pages are encoded already
		return mvc.perform(get(URI.create(path))).andReturn().getResponse();
	}

	private static String html(MockMvc mvc, String path) throws Exception {
		MockHttpServletResponse response = page(mvc, path);
		assertThat(response.getStatus()).as(path + ": " + response.getContentAsString()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/html");
		return response.getContentAsString();
	}

	@Test
	void tablePageListsTypesWithTheirIndexesKeyTemplatesAndSettings() {
		run("table", (mvc, template) -> {
			template.create(Note.of("first", "ann"));
			String html = html(mvc, "/singletable");
			assertThat(html).contains("id=\"table-page\"", "id=\"types\"", "data-type=\"Note\"", "data-type=\"Task\"")
				.contains("gsi1: gsi1pk = owner#{owner}")
				.contains("versioned, compressed")
				.contains("href=\"/singletable/assets/console.css\"")
				.contains("Stream", "TTL");
			assertThat(page(mvc, "/singletable/assets/console.css").getContentType()).startsWith("text/css");
		});
	}

	@Test
	void typeCountsComeFromCountsByTypeWhenCountsAreOn() {
		run("counts", (mvc, template) -> {
			template.create(Note.of("one", "ann"));
			template.create(Note.of("two", "ann"));
			String html = html(mvc, "/singletable");
			assertThat(html).contains("data-type=\"Note\"");
			assertThat(html.replaceAll("(?s).*data-type=\"Note\"(.*?)</tr>.*", "$1"))
				.contains("<td class=\"type-count\">2</td>");
			assertThat(html.replaceAll("(?s).*data-type=\"Task\"(.*?)</tr>.*", "$1"))
				.contains("<td class=\"type-count\">0</td>");
		}, "singletable.counts.enabled=true");
	}

	@Test
	void theFirstTypePageIsOneQueryOfTheTypeIndexNewestFirstAndTheNextLinkCarriesTheCursor() {
		run("paging", (mvc, template) -> {
			// with the cursor secret configured, not even the first page of the application reads it from the table
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				ids.add(template.create(Note.of("note " + i, "ann")).id());
			}
			this.requests.reset();
			String first = html(mvc, "/singletable/types/Note");
			assertThat(this.requests.calledOperations()).containsExactly("Query");
			assertThat(this.requests.sent(QueryRequest.class).get(0).indexName()).isEqualTo("gsitype");
			assertThat(this.requests.sent(QueryRequest.class).get(0).scanIndexForward()).isFalse();
			List<String> firstIds = rowIds(first);
			assertThat(firstIds).hasSize(25).startsWith(ids.get(29), ids.get(28));
			Matcher next = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"").matcher(first);
			assertThat(next.find()).isTrue();
			String link = next.group(1).replace("&amp;", "&");
			assertThat(link).contains("cursor=");
			List<String> secondIds = rowIds(html(mvc, link));
			assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
			assertThat(secondIds).last().isEqualTo(ids.get(0));
		}, "singletable.cursor-secret=console-tests-cursor-secret");
	}

	private static List<String> rowIds(String html) {
		List<String> ids = new ArrayList<>();
		Matcher row = Pattern.compile("class=\"resource-row\" data-id=\"([^\"]+)\"").matcher(html);
		while (row.find()) {
			ids.add(row.group(1));
		}
		return ids;
	}

	@Test
	void theFilterAndTheIndexQueryFormsNarrowTheTypePage() {
		run("forms", (mvc, template) -> {
			Note ann = template.create(Note.of("ann's", "ann"));
			Note bob = template.create(Note.of("bob's", "bob"));
			String form = html(mvc, "/singletable/types/Note");
			assertThat(form).contains("id=\"filter-form\"", "id=\"index-form-gsi1\"", "name=\"key.owner\"");
			assertThat(rowIds(html(mvc, "/singletable/types/Note?filter=owner&op=eq&value=ann")))
				.containsExactly(ann.id());
			this.requests.reset();
			assertThat(rowIds(html(mvc, "/singletable/types/Note?index=gsi1&key.owner=bob")))
				.containsExactly(bob.id());
			assertThat(this.requests.sent(QueryRequest.class)).singleElement()
				.satisfies((query) -> assertThat(query.indexName()).isEqualTo("gsi1"));
		});
	}

	@Test
	void theResourcePageShowsLatestStateTimelineDiffAuditAndRawItems() {
		run("resource", (mvc, template) -> {
			Note v1 = template.create(Note.of("one", "ann"));
			Note v2 = template.update(v1.withTitle("two"));
			template.update(v2.withTitle("three"));
			String html = html(mvc, "/singletable/types/Note/" + v1.id() + "?from=1&to=3");
			assertThat(html).contains("id=\"latest-json\"", "&quot;three&quot;")
				.contains("id=\"version-timeline\"", "data-version=\"1\"", "data-version=\"3\"")
				.contains("id=\"diff-table\"")
				.contains("id=\"audit\"", "CREATE", "UPDATE")
				.contains("id=\"raw-items\"", "data-sk=\"v0\"", "data-sk=\"v1\"", "data-sk=\"v3\"")
				.contains("<meter", "of 400 KB")
				.contains("href=\"/singletable/collections/gsi1?partition=owner%23ann\"");
			Matcher changed = Pattern.compile("<tr class=\"diff-changed\">.*?</tr>", Pattern.DOTALL).matcher(html);
			List<String> changedRows = new ArrayList<>();
			while (changed.find()) {
				changedRows.add(changed.group());
			}
			assertThat(changedRows).anySatisfy((row) -> assertThat(row).contains("&quot;one&quot;", "&quot;three&quot;"));
			assertThat(changedRows).noneSatisfy((row) -> assertThat(row).contains("owner"));
		});
	}

	@Test
	void aStoredScriptStaysTextOnEveryPage() {
		run("escaping", (mvc, template) -> {
			Note note = template.create(Note.of(SCRIPT, SCRIPT));
			template.update(note.withTitle(SCRIPT + "2"));
			template.save(new Task("t1", SCRIPT, SCRIPT));
			List<String> pages = List.of(html(mvc, "/singletable/types/Note"),
					html(mvc, "/singletable/types/Note/" + note.id()),
					html(mvc, "/singletable/types/Task/t1"),
					html(mvc, "/singletable/types/Note?filter=title&op=eq&value=" + Html.url(SCRIPT)),
					html(mvc, "/singletable/collections/gsi1?partition=" + Html.url("owner#" + SCRIPT)));
			for (String html : pages) {
				assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
			}
			String missing = page(mvc, "/singletable/types/" + Html.url(SCRIPT)).getContentAsString();
			assertThat(missing).doesNotContain("<script>alert").contains("&lt;script&gt;");
		});
	}

	@Test
	void maskedPropertiesAreShownAsBulletsEverywhere() {
		run("masking", (mvc, template) -> {
			Note note = template.create(Note.of("masked", "ann"));
			template.update(new Note(note.id(), note.version(), note.createdAt(), note.updatedAt(), "masked",
					"ann", "other-secret", "other-token"));
			String html = html(mvc, "/singletable/types/Note/" + note.id() + "?from=1&to=2");
			assertThat(html).doesNotContain("hidden-secret", "hidden-token", "other-secret", "other-token")
				.contains(Masking.MASK);
			assertThat(html(mvc, "/singletable/types/Note")).doesNotContain("hidden-secret", "hidden-token");
			MockHttpServletResponse guess = page(mvc, "/singletable/types/Note?filter=secret&op=eq&value=hidden-secret-6");
			assertThat(guess.getStatus()).isEqualTo(400);
			assertThat(guess.getContentAsString()).contains("is masked").doesNotContain("data-id=");
		});
	}

	@Test
	void unknownTypesAndResourcesAnswer404PagesNamingThem() {
		run("missing", (mvc, template) -> {
			MockHttpServletResponse type = page(mvc, "/singletable/types/Invoice");
			assertThat(type.getStatus()).isEqualTo(404);
			assertThat(type.getContentAsString()).contains("id=\"error-page\"", "No entity type &#39;Invoice&#39;",
					"Known types: Note, Task");
			MockHttpServletResponse resource = page(mvc, "/singletable/types/Note/01NOSUCHNOTE");
			assertThat(resource.getStatus()).isEqualTo(404);
			assertThat(resource.getContentAsString()).contains("No Note with id &#39;01NOSUCHNOTE&#39;");
		});
	}

	@Test
	void aRequestFromAnotherMachineIsRefusedUnlessRemoteClientsAreAllowed() {
		run("remote", (mvc, template) -> {
			MockHttpServletResponse refused = mvc.perform(get("/singletable").with((request) -> {
				request.setRemoteAddr("192.0.2.10");
				return request;
			})).andReturn().getResponse();
			assertThat(refused.getStatus()).isEqualTo(403);
			assertThat(refused.getContentAsString()).contains("loopback");
			assertThat(page(mvc, "/singletable").getStatus()).isEqualTo(200);
		});
		run("remote-allowed", (mvc, template) -> assertThat(mvc.perform(get("/singletable").with((request) -> {
			request.setRemoteAddr("192.0.2.10");
			return request;
		})).andReturn().getResponse().getStatus()).isEqualTo(200), "singletable.console.allow-remote=true");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void allowingRemoteClientsLogsAWarningNamingWhatItOpens(CapturedOutput output) {
		run("remote-warning", (mvc, template) -> assertThat(output.getOut())
			.contains("singletable.console.allow-remote=true: the singletable console at '/singletable' answers every "
					+ "client that can connect to this application, from any address, without signing in")
			.contains("lets them restore versions and delete resources", "[console.internal]"),
				"singletable.console.allow-remote=true", "singletable.console.read-only=false",
				"singletable.console.allowed-hosts=console.internal");
		int before = output.getOut().length();
		run("local-no-warning", (mvc, template) -> assertThat(output.getOut().substring(before))
			.contains("singletable console available at")
			.doesNotContain("allow-remote=true"));
	}

	@Test
	void aReadOnlyConsoleRefusesChanges() {
		run("read-only", (mvc, template) -> {
			Note note = template.create(Note.of("kept", "ann"));
			template.update(note.withTitle("kept 2"));
			MockHttpServletResponse delete = mvc.perform(post("/singletable/types/Note/" + note.id() + "/delete"))
				.andReturn()
				.getResponse();
			assertThat(delete.getStatus()).isEqualTo(403);
			assertThat(delete.getContentAsString()).contains("read-only");
			assertThat(mvc.perform(post("/singletable/types/Note/" + note.id() + "/restore?version=1"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(html(mvc, "/singletable/types/Note/" + note.id())).doesNotContain("delete-link", "restore-link");
			assertThat(template.findById(Note.class, note.id())).get().extracting(Note::title).isEqualTo("kept 2");
		});
	}

	@Test
	void changesNeedTheConfirmationPagesCsrfTokenAndTheConsolesOrigin() {
		run("changes", (mvc, template) -> {
			Note note = template.create(Note.of("original", "ann"));
			template.update(note.withTitle("changed"));
			String resource = "/singletable/types/Note/" + note.id();
			assertThat(html(mvc, resource)).contains("id=\"delete-link\"", "class=\"restore-link\"");

			assertThat(mvc.perform(post(resource + "/restore?version=1").header("Origin", "http://localhost"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			// a cookie and a field that match prove nothing: a page of another port can set the cookie
			assertThat(mvc.perform(post(resource + "/restore?version=1").header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, "guessed")
				.cookie(new Cookie(ConsoleRequest.CSRF_NAME, "guessed"))).andReturn().getResponse().getStatus())
				.isEqualTo(403);

			MockHttpServletResponse confirm = page(mvc, resource + "/restore?version=1");
			assertThat(confirm.getContentAsString()).contains("id=\"confirm-form\"", "method=\"post\"");
			assertThat(confirm.getHeader("Set-Cookie")).isNull();
			String token = ConsoleTests.csrfToken(confirm.getContentAsString());
			// the token of restoring version 1 neither deletes nor restores another version
			assertThat(mvc.perform(post(resource + "/delete").header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, token)).andReturn().getResponse().getStatus()).isEqualTo(403);
			assertThat(mvc.perform(post(resource + "/restore?version=2").header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, token)).andReturn().getResponse().getStatus()).isEqualTo(403);
			// nor is it taken from another origin, or without one
			MockHttpServletResponse foreign = mvc.perform(post(resource + "/restore?version=1")
				.header("Origin", "http://localhost:9999")
				.param(ConsoleRequest.CSRF_NAME, token)).andReturn().getResponse();
			assertThat(foreign.getStatus()).isEqualTo(403);
			assertThat(foreign.getContentAsString()).contains("origin &#39;http://localhost:9999&#39;");
			assertThat(mvc.perform(post(resource + "/restore?version=1").param(ConsoleRequest.CSRF_NAME, token))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(template.getById(Note.class, note.id()).title()).isEqualTo("changed");

			MockHttpServletResponse restored = mvc.perform(post(resource + "/restore?version=1")
				.header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, token)).andReturn().getResponse();
			assertThat(restored.getStatus()).isEqualTo(303);
			assertThat(restored.getHeader("Location")).isEqualTo(resource);
			assertThat(template.getById(Note.class, note.id()).title()).isEqualTo("original");

			String deleteToken = ConsoleTests.csrfToken(page(mvc, resource + "/delete").getContentAsString());
			MockHttpServletResponse deleted = mvc.perform(post(resource + "/delete")
				.header("Sec-Fetch-Site", "same-origin")
				.param(ConsoleRequest.CSRF_NAME, deleteToken)).andReturn().getResponse();
			assertThat(deleted.getStatus()).isEqualTo(303);
			assertThat(template.findById(Note.class, note.id())).isEmpty();
		}, "singletable.console.read-only=false");
	}

	@Test
	void anItemCollectionGroupsEveryTypeOfAPartition() {
		run("collection", (mvc, template) -> {
			Note note = template.create(Note.of("ann's note", "ann"));
			template.save(new Task("t1", "ann", "ann's task"));
			template.save(new Task("t2", "bob", "bob's task"));
			String html = html(mvc, "/singletable/collections/gsi1?partition=" + Html.url("owner#ann"));
			assertThat(html).contains("id=\"collection-page\"", "class=\"collection-group\" data-type=\"Note\"",
					"class=\"collection-group\" data-type=\"Task\"", note.id(), "/singletable/types/Task/t1")
				.doesNotContain("t2");
		});
	}

	@Test
	void theConsoleIsOffUnlessEnabledOrTheEmbeddedDynamoDbLocalIsUsed() {
		ConsoleTests.mvcWithoutSecurity(this.requests)
			.withPropertyValues("singletable.endpoint=" + dev.singletable.test.DynamoDbLocal.endpoint(),
					"singletable.table-name=" + ConsoleTests.uniqueTable("off"),
					"singletable.table.create=create-if-missing")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleHandler.class));
		ConsoleTests.mvcWithoutSecurity(this.requests)
			.withPropertyValues(ConsoleTests.properties(ConsoleTests.uniqueTable("disabled"),
					"singletable.console.enabled=false"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleHandler.class));
	}

	@Test
	void theConsoleIsOnByDefaultWithTheEmbeddedDynamoDbLocal() {
		ConsoleTests.mvcWithoutSecurity(this.requests)
			.withPropertyValues("singletable.table-name=" + ConsoleTests.uniqueTable("embedded"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ConsoleHandler.class);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
				assertThat(html(mvc, "/singletable")).contains("id=\"types\"");
			});
	}

}
