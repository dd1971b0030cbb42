package dev.singletable.console.showcase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over HTTP (Spring MVC on a real port, Spring Security's Basic authentication) for the content the
 * other tests do not have: blobs in S3 (facts, previews, downloads), a sealed hierarchy, items the Python library
 * wrote.
 */
class ConsoleShowcaseIntegrationTests extends ShowcaseTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<byte[]> get(String path, String user) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + ShowcaseApplication.PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private String html(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = get(path, "admin");
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).as(path + ": " + body).isEqualTo(200);
		return body;
	}

	@Test
	void theResourcePageShowsEachBlobWithItsSizeContentTypeAndPreviewAndDownloadsIt() throws Exception {
		String resource = "/singletable/types/Report/" + data().report();
		String html = html(resource);
		assertThat(html).contains("id=\"blobs\"", "data-property=\"body\"", "data-property=\"chart\"")
			.contains("Quarterly numbers: up.")
			.contains("image/png, " + data().chart().length + " B")
			.contains("<img src=\"" + resource + "/blobs/chart\"");
		HttpResponse<byte[]> chart = get(resource + "/blobs/chart", "admin");
		assertThat(chart.statusCode()).isEqualTo(200);
		assertThat(chart.headers().firstValue("Content-Type")).contains("image/png");
		// with Spring Security too, a blob is a sandboxed attachment named with its type's extension
		assertThat(chart.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"chart.png\"");
		assertThat(chart.headers().firstValue("Content-Security-Policy")).contains("sandbox; default-src 'none'");
		assertThat(chart.body()).isEqualTo(data().chart());
		HttpResponse<byte[]> body = get(resource + "/blobs/body", "admin");
		assertThat(new String(body.body(), StandardCharsets.UTF_8)).isEqualTo("Quarterly numbers: up.");
		assertThat(html("/singletable")).contains("blobs: body, chart");
	}

	@Test
	void aHierarchyIsOneTypeWhosePagesShowItsSubtypes() throws Exception {
		assertThat(html("/singletable")).contains("hierarchy: Card, Transfer");
		assertThat(html("/singletable/types/Payment")).contains("data-id=\"" + data().card() + "\"",
				"data-id=\"" + data().transfer() + "\"");
		assertThat(html("/singletable/types/Payment/" + data().transfer())).contains("Stored as Transfer", "DE89 3704");
		assertThat(html("/singletable/types/Payment/" + data().card() + "?from=1&to=3")).contains("Stored as Card",
				"&quot;4242&quot;", "&quot;0005&quot;", "data-version=\"3\"");
	}

	@Test
	void anItemCollectionTakesTheTypesWhosePartitionTemplateRendersItsKey() throws Exception {
		// gsi1 is 'customer#{customer}' for payments, 'owner#{owner}' for notes, tasks and documents
		String customer = html("/singletable/collections/gsi1?partition=customer%23c1");
		assertThat(customer).contains("class=\"collection-group\" data-type=\"Payment\"", data().card(), data().transfer())
			.doesNotContain("data-type=\"Note\"");
		assertThat(html("/singletable/collections/gsi1?partition=owner%23nobody"))
			.contains("class=\"collection-group\" data-type=\"Note\"").doesNotContain("data-type=\"Payment\"");
	}

	@Test
	void anItemThePythonLibraryWroteReadsAsTheApplicationReadsIt() throws Exception {
		python.assumeAvailable();
		String id = data().pythonDoc();
		assertThat(html("/singletable/types/CrossDoc")).contains("data-id=\"" + id + "\"");
		assertThat(html("/singletable/types/CrossDoc/" + id + "?from=1&to=3"))
			.contains("&quot;updated by Python again&quot;", "&quot;written by Python&quot;", "data-version=\"3\"",
					"id=\"diff-table\"");
	}

	@Test
	void withSpringSecurityAnAnonymousRequestIsRefusedAndOnlyAUserWithTheRoleIsLetIn() throws Exception {
		assertThat(get("/singletable", null).statusCode()).isEqualTo(401);
		HttpResponse<byte[]> viewer = get("/singletable", "viewer");
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(new String(viewer.body(), StandardCharsets.UTF_8)).contains("lacks role ADMIN");
		assertThat(get("/singletable", "admin").statusCode()).isEqualTo(200);
	}

}
