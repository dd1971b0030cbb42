package dev.singletable.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reads keep {@code maxVersions} exact whatever is stored: a version older than the newest {@code maxVersions}
 * that is still stored (a write committed and its process died before the prune, which runs after the answer) is
 * seen by no read of either API — {@code findAllVersions}, {@code findVersionSummaries}, {@code findVersion},
 * {@code restoreVersion} — and the next write's prune finds it with its probe and trims it.
 */
class VersionWindowReadsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private DynamoDbAsyncClient asyncClient;

	private ReactiveSingleTableTemplate reactive;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		this.reactive = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName());
	}

	@AfterEach
	void tearDown() {
		this.asyncClient.close();
	}

	@Test
	void aLeftoverVersionBelowTheWindowIsInvisibleToEveryReadAndTrimmedByTheNextWrite() {
		// maxVersions 3: versions 3 to 5 stored, then v2 written back by hand, as a prune that never ran leaves it
		Document latest = writeVersions(Document.of("1"), 5, (document, i) -> document.withText(Integer.toString(i)));
		String id = latest.id();
		leaveBehind("Document#" + id, 3, 2);
		assertThat(dynamo.sortKeys("Document#" + id)).containsExactlyInAnyOrder("v0", "v2", "v3", "v4", "v5");

		assertThat(this.template.findAllVersions(Document.class, id)).extracting(Document::version)
			.containsExactly(5, 4, 3);
		assertThat(this.template.findVersionSummaries(Document.class, id)).extracting(VersionSummary::version)
			.containsExactly(5L, 4L, 3L);
		assertThat(this.template.findVersion(Document.class, id, 2)).isEmpty();
		assertThat(this.template.findVersion(Document.class, id, 3)).get().extracting(Document::version).isEqualTo(3);
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.restoreVersion(Document.class, id, 2));

		assertThat(this.reactive.findAllVersions(Document.class, id).map(Document::version).collectList().block())
			.containsExactly(5, 4, 3);
		assertThat(this.reactive.findVersionSummaries(Document.class, id).map(VersionSummary::version).collectList()
			.block()).containsExactly(5L, 4L, 3L);
		assertThat(this.reactive.findVersion(Document.class, id, 2).blockOptional()).isEmpty();
		assertThat(this.reactive.findVersion(Document.class, id, 3).blockOptional()).isPresent();
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.reactive.restoreVersion(Document.class, id, 2).block());
		assertThat(dynamo.sortKeys("Document#" + id)).hasSize(5);

		Document next = this.template.update(this.template.getById(Document.class, id).withText("6"));

		assertThat(next.version()).isEqualTo(6);
		BackgroundCleanups.await();
		assertThat(dynamo.sortKeys("Document#" + id)).containsExactlyInAnyOrder("v0", "v4", "v5", "v6");
		assertThat(this.template.findAllVersions(Document.class, id)).extracting(Document::version)
			.containsExactly(6, 5, 4);
	}

	@Test
	void aCompressedTypeHidesItsLeftoverVersionFromSummariesAndVersions() {
		Capped latest = writeVersions(new Capped(null, null, null, null, "1"), 4,
				(capped, i) -> new Capped(capped.id(), capped.version(), capped.createdAt(), capped.updatedAt(),
						Integer.toString(i)));
		String id = latest.id();
		// maxVersions 2: versions 3 and 4 stored, v2 left behind
		leaveBehind("Capped#" + id, 3, 2);

		assertThat(this.template.findVersionSummaries(Capped.class, id)).extracting(VersionSummary::version)
			.containsExactly(4L, 3L);
		assertThat(this.template.findAllVersions(Capped.class, id)).extracting(Capped::version).containsExactly(4L, 3L);
		assertThat(this.reactive.findVersion(Capped.class, id, 2).blockOptional()).isEmpty();
		assertThat(this.template.findVersion(Capped.class, id, 3)).isPresent();
	}

	private <T> T writeVersions(T first, int versions, Next<T> next) {
		T written = this.template.create(first);
		for (int i = 2; i <= versions; i++) {
			written = this.template.update(next.of(written, i));
		}
		// the prunes after the answers are done
		BackgroundCleanups.await();
		return written;
	}

	/** Writes a copy of a stored version back under an older number (what a prune that never ran leaves). */
	private void leaveBehind(String pk, long stored, long leftover) {
		Map<String, AttributeValue> copy = new LinkedHashMap<>(dynamo.storedItem(pk, "v" + stored));
		copy.put("sk", AttributeValue.fromS("v" + leftover));
		copy.put("version", AttributeValue.fromN(Long.toString(leftover)));
		dynamo.rawClient().putItem(PutItemRequest.builder().tableName(dynamo.tableName()).item(copy).build());
	}

	private interface Next<T> {

		T of(T written, int version);

	}

	/** A versioned, compressed type keeping two versions. */
	@SingleTableEntity(prefix = "Capped", versioned = true, maxVersions = 2, compression = Compression.ENABLED)
	record Capped(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String text) {
	}

}
