package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests before the answer of a versioned update of a type with a blob property whose followed version this
 * application read or wrote (issue 52, item 1), counted by interceptors in front of DynamoDB Local and the in-process
 * S3, on both APIs: the version's blob references and digests are known ({@code KnownBlobFacts}), so an unchanged
 * attachment costs the {@code TransactWriteItems} alone and a changed one its {@code PutObject} first; a template that
 * knows nothing reads the followed version first, as before; facts another writer changed in place fail the
 * transaction's condition on them, and the write is planned again with that read.
 */
class VersionedBlobWriteRequestsOfKnownVersionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final RequestCounter dynamoRequests = new RequestCounter();

	private final RequestCounter s3Requests = new RequestCounter();

	private final DynamoDbClient client = DynamoDbLocal.newClient(this.dynamoRequests);

	private final DynamoDbAsyncClient asyncClient = DynamoDbLocal.newAsyncClient(this.dynamoRequests);

	private final S3Client s3Client = S3Local.newClient(this.s3Requests);

	private final S3AsyncClient s3AsyncClient = S3Local.newAsyncClient(this.s3Requests);

	@AfterEach
	void closeClients() {
		BackgroundCleanups.await();
		this.client.close();
		this.asyncClient.close();
		this.s3Client.close();
		this.s3AsyncClient.close();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anEntityReadByTheApplicationCostsTheTransactionAloneUnchangedAndTheUploadWithItChanged(Api api) {
		String id = writer(api).create(new Note(null, null, null, "one", attachment("A"))).id();
		BackgroundCleanups.await();
		// another template (another application instance) reads it
		Writer reader = writer(api);
		Note read = reader.find(id);
		reset();

		Note second = reader.update(read.with("two", attachment("A")));
		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems");
		assertThat(this.s3Requests.operations()).isEmpty();
		reset();

		// what it wrote it knows too
		Note third = reader.update(second.with("three", attachment("B")));
		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems");
		assertThat(this.s3Requests.operations()).containsExactly("PutObject");
		BackgroundCleanups.await();

		assertThat(BlobAttributes.readVersions(dynamo.storedItem("Note#" + id, "v2")))
			.containsExactly(Map.entry("attachment", 1L));
		assertThat(BlobAttributes.readVersions(dynamo.storedItem("Note#" + id, "v0")))
			.containsExactly(Map.entry("attachment", 3L));
		assertThat(text(reader.load(third).attachment())).isEqualTo(letters("B"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anEntityTheApplicationDidNotReadReadsTheVersionItFollowsFirst(Api api) {
		Note created = writer(api).create(new Note(null, null, null, "one", attachment("A")));
		BackgroundCleanups.await();
		reset();

		// a template that neither read nor wrote it: today's read of v1
		Writer other = writer(api);
		Note second = other.update(created.with("two", attachment("A")));

		assertThat(beforeTheAnswer()).containsExactly("BatchGetItem", "TransactWriteItems");
		assertThat(this.s3Requests.operations()).isEmpty();
		assertThat(second.version()).isEqualTo(2L);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void referencesChangedInPlaceAfterTheReadFailTheConditionAndTheWriteReadsThemAndSucceeds(Api api) {
		Writer writer = writer(api);
		Note first = writer.create(new Note(null, null, null, "one", attachment("A")));
		Note second = writer.update(first.with("two", attachment("B")));
		BackgroundCleanups.await();
		String pk = "Note#" + second.id();
		// as the Python library's copy_blob does: v2 and v0 now refer to v1's object, at the same version
		for (String sk : List.of("v2", "v0")) {
			dynamo.rawClient()
				.updateItem((request) -> request.tableName(dynamo.tableName())
					.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
					.updateExpression("SET #versions.#field = :one REMOVE #digests")
					.expressionAttributeNames(Map.of("#versions", BlobAttributes.VERSIONS, "#field", "attachment",
							"#digests", BlobAttributes.DIGESTS))
					.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
		}
		reset();

		// the title alone changes: the attachment refers to what v2 refers to now, v1's object
		Note third = writer.update(second.with("three", null));

		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems", "BatchGetItem", "TransactWriteItems");
		assertThat(third.version()).isEqualTo(3L);
		BackgroundCleanups.await();
		assertThat(BlobAttributes.readVersions(dynamo.storedItem(pk, "v3")))
			.containsExactly(Map.entry("attachment", 1L));
		assertThat(text(writer.load(third).attachment())).isEqualTo(letters("A"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aResourceDeletedAndCreatedAgainAtTheSameVersionIsNeverTakenForTheOneTheApplicationKnew(Api api) {
		Writer writer = writer(api);
		Note known = writer.create(new Note(null, null, null, "one", attachment("A")));
		String id = known.id();
		BackgroundCleanups.await();
		// another application deletes it and creates it again under the same id: v1 again, another attachment
		SingleTableTemplate other = new SingleTableTemplate(this.client, dynamo.tableName());
		other.setBlobStorage(new BlobStorage(this.s3Client, s3.bucket(), "", other.getConverter().getJsonMapper()));
		other.deleteById(Note.class, id);
		BackgroundCleanups.await();
		other.create(new Note(id, null, null, "again", attachment("B")));
		BackgroundCleanups.await();
		reset();

		// the stale entity carries A again: by the facts it knew, v1's object holds A (it holds B now)
		Note second = writer.update(known.with("two", attachment("A")));

		// the condition on the facts fails; read again, the attachment is uploaded as the new version's object
		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems", "BatchGetItem", "TransactWriteItems");
		assertThat(this.s3Requests.operations()).contains("PutObject");
		assertThat(second.version()).isEqualTo(2L);
		BackgroundCleanups.await();
		assertThat(BlobAttributes.readVersions(dynamo.storedItem("Note#" + id, "v2")))
			.containsExactly(Map.entry("attachment", 2L));
		assertThat(text(writer.load(second).attachment())).isEqualTo(letters("A"));
		assertThat(text(other.loadBlobs(other.findVersion(Note.class, id, 1).orElseThrow()).attachment()))
			.isEqualTo(letters("B"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anUpdateATransactionCollectsReadsTheVersionItFollowsEvenWhenItIsKnown(Api api) {
		Note created = writer(api).create(new Note(null, null, null, "one", attachment("A")));
		BackgroundCleanups.await();
		reset();

		// a stale fact there would fail the caller's whole transaction: the collected unit reads, as before
		Note second;
		if (api == Api.BLOCKING) {
			SingleTableTemplate template = new SingleTableTemplate(this.client, dynamo.tableName());
			template.setBlobStorage(
					new BlobStorage(this.s3Client, s3.bucket(), "", template.getConverter().getJsonMapper()));
			Note read = template.findById(Note.class, created.id()).orElseThrow();
			reset();
			java.util.concurrent.atomic.AtomicReference<Note> updated = new java.util.concurrent.atomic.AtomicReference<>();
			template.transaction((tx) -> updated.set(tx.update(read.with("two", null))));
			second = updated.get();
		}
		else {
			ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(this.asyncClient,
					dynamo.tableName());
			template.setBlobStorage(new ReactiveBlobStorage(this.s3AsyncClient, s3.bucket(), "",
					template.getConverter().getJsonMapper()));
			Note read = template.findById(Note.class, created.id()).block();
			reset();
			java.util.concurrent.atomic.AtomicReference<Note> updated = new java.util.concurrent.atomic.AtomicReference<>();
			template.transaction((tx) -> tx.update(read.with("two", null)).doOnNext(updated::set)).block();
			second = updated.get();
		}

		assertThat(beforeTheAnswer()).containsExactly("BatchGetItem", "TransactWriteItems");
		assertThat(second.version()).isEqualTo(2L);
		assertThat(BlobAttributes.readVersions(dynamo.storedItem("Note#" + created.id(), "v2")))
			.containsExactly(Map.entry("attachment", 1L));
	}

	/** The DynamoDB requests up to the last TransactWriteItems: what the caller waited for. */
	private List<String> beforeTheAnswer() {
		List<String> operations = this.dynamoRequests.operations();
		return operations.subList(0, operations.lastIndexOf("TransactWriteItems") + 1);
	}

	private void reset() {
		this.dynamoRequests.reset();
		this.s3Requests.reset();
	}

	private static String letters(String letter) {
		return letter.repeat(20_000);
	}

	private static String text(byte @Nullable [] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte[] attachment(String letter) {
		return letters(letter).getBytes(StandardCharsets.UTF_8);
	}

	private Writer writer(Api api) {
		if (api == Api.BLOCKING) {
			SingleTableTemplate template = new SingleTableTemplate(this.client, dynamo.tableName());
			template.setBlobStorage(
					new BlobStorage(this.s3Client, s3.bucket(), "", template.getConverter().getJsonMapper()));
			return new Writer(template::create, template::update, template::loadBlobs,
					(id) -> template.findById(Note.class, id).orElseThrow());
		}
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName());
		template.setBlobStorage(new ReactiveBlobStorage(this.s3AsyncClient, s3.bucket(), "",
				template.getConverter().getJsonMapper()));
		return new Writer((entity) -> template.create(entity).block(), (entity) -> template.update(entity).block(),
				(entity) -> template.loadBlobs(entity).block(), (id) -> template.findById(Note.class, id).block());
	}

	enum Api {

		BLOCKING, REACTIVE

	}

	private record Writer(UnaryOperator<Note> create, UnaryOperator<Note> update, UnaryOperator<Note> load,
			Function<String, Note> find) {

		Note create(Note note) {
			return this.create.apply(note);
		}

		Note update(Note note) {
			return this.update.apply(note);
		}

		Note load(Note note) {
			return this.load.apply(note);
		}

		Note find(String id) {
			return this.find.apply(id);
		}

	}

	/** Carries its creation time: an update needs nothing of the latest item but the blob facts. */
	@SingleTableEntity(versioned = true, maxVersions = 3)
	record Note(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
			String title, @BlobField byte @Nullable [] attachment) {

		Note with(String title, byte @Nullable [] attachment) {
			return new Note(this.id, this.version, this.createdAt, title, attachment);
		}

	}

}
