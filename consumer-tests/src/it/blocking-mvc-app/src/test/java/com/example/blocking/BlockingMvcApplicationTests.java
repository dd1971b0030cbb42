package com.example.blocking;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.ClassUtils;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocking way of use over real HTTP: the embedded DynamoDB Local and the in-memory S3 the test classpath
 * brings, a versioned document whose body goes to S3, and its audit rows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class BlockingMvcApplicationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	S3Client s3;

	@Test
	void reactorIsNotOnTheClassPath() {
		assertThat(ClassUtils.isPresent("reactor.core.publisher.Mono", getClass().getClassLoader())).isFalse();
	}

	@Test
	void theBlobsBringNoSecondHttpClient() {
		// the s3 dependency as blobs.md adds it: the BOM leaves out the SDK's Apache 5 client (which the SDK would
		// prefer for every blocking client) and its Netty client, so every client, the S3 one included, is on the
		// starter's URL connection client. Netty is on this test class path through DynamoDB Local (test scope) only:
		// postbuild.groovy checks that the packaged application has none
		ClassLoader loader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("software.amazon.awssdk.http.apache5.Apache5HttpClient", loader)).isFalse();
		assertThat(ClassUtils.isPresent("software.amazon.awssdk.http.apache.ApacheHttpClient", loader)).isFalse();
		assertThat(ClassUtils.isPresent("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient", loader))
			.isTrue();
	}

	@Test
	void createsUpdatesAndReadsBackTheBlobTheVersionsAndTheAuditRows() {
		Document created = this.http.post()
			.uri("/documents")
			.header("X-User", "ann")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Plan", "body", "first draft"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Document.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.id()).isNotBlank();
		assertThat(created.version()).isEqualTo(1L);
		assertThat(created.createdBy()).isEqualTo("ann");

		Document updated = this.http.put()
			.uri("/documents/{id}", created.id())
			.header("X-User", "bob")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("version", 1, "title", "Plan B", "body", "second draft"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Document.class)
			.returnResult()
			.getResponseBody();
		assertThat(updated.version()).isEqualTo(2L);
		assertThat(updated.createdBy()).isEqualTo("ann");
		assertThat(updated.modifiedBy()).isEqualTo("bob");

		// the latest version, its body read back from S3
		Document latest = get("/documents/{id}", created.id(), Document.class);
		assertThat(latest.title()).isEqualTo("Plan B");
		assertThat(latest.body()).isEqualTo("second draft");

		// the history: both versions, each with the body it had
		List<Document> versions = get("/documents/{id}/versions", created.id(),
				new ParameterizedTypeReference<List<Document>>() {
				});
		assertThat(versions).extracting(Document::version).containsExactly(2L, 1L);
		assertThat(versions).extracting(Document::body).containsOnlyNulls();   // reads leave blobs unloaded
		Document first = get("/documents/{id}/versions/1", created.id(), Document.class);
		assertThat(first.title()).isEqualTo("Plan");
		assertThat(first.body()).isEqualTo("first draft");

		// the audit rows, written with each change: who, what
		List<DocumentController.AuditRow> rows = get("/documents/{id}/audit", created.id(),
				new ParameterizedTypeReference<List<DocumentController.AuditRow>>() {
				});
		assertThat(rows).extracting(DocumentController.AuditRow::operation).containsExactly("UPDATE", "CREATE");
		assertThat(rows).extracting(DocumentController.AuditRow::changedBy).containsExactly("bob", "ann");
		assertThat(rows.get(0).changedFields()).contains("title", "body");
		assertThat(rows).extracting(DocumentController.AuditRow::transactionId).doesNotContainNull().doesNotHaveDuplicates();

		// the bodies are S3 objects, one per version that changed it
		List<String> keys = this.s3.listObjectsV2((request) -> request.bucket("blocking-mvc-app-blobs")
			.prefix("blobs/Document/" + created.id() + "/"))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
		assertThat(keys).containsExactlyInAnyOrder("blobs/Document/" + created.id() + "/v1/body",
				"blobs/Document/" + created.id() + "/v2/body");
	}

	private <T> T get(String uri, String id, Class<T> type) {
		return this.http.get().uri(uri, id).exchange().expectStatus().isOk().expectBody(type).returnResult().getResponseBody();
	}

	private <T> T get(String uri, String id, ParameterizedTypeReference<T> type) {
		return this.http.get().uri(uri, id).exchange().expectStatus().isOk().expectBody(type).returnResult().getResponseBody();
	}

}
