package dev.singletable.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.singletable.core.BlobWriteRequestsFixture.Api;
import dev.singletable.core.BlobWriteRequestsFixture.Writer;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.singletable.core.BlobWriteRequestsFixture.attachment;
import static dev.singletable.core.BlobWriteRequestsFixture.letters;
import static dev.singletable.core.BlobWriteRequestsFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The requests before the answer of a versioned update of a type with a blob property whose followed version this
 * application read (by id, in a query page, in a read transaction) or wrote (issue 52, item 1), counted by
 * interceptors in front of DynamoDB Local and the in-process S3, on both APIs: the version's blob references and
 * digests are known ({@code KnownBlobFacts}), so an unchanged attachment costs the {@code TransactWriteItems} alone and
 * a changed one its {@code PutObject} first; a template that knows nothing reads the followed version first, as
 * before, and so does one that read the entity through a projection (whose items carry no blob attributes); facts
 * another writer changed in place fail the transaction's condition on them, and the write is planned again with that
 * read; a committed delete of the resource forgets its facts, a failed one does not.
 */
class VersionedBlobWriteRequestsOfKnownVersionsIntegrationTests {

	@RegisterExtension
	static BlobWriteRequestsFixture requests = new BlobWriteRequestsFixture();

	private static final DynamoDbLocalExtension dynamo = requests.dynamo();

	private final RequestCounter dynamoRequests = requests.dynamoRequests();

	private final RequestCounter s3Requests = requests.s3Requests();

	@ParameterizedTest
	@MethodSource("readsById")
	void anEntityReadByTheApplicationCostsTheTransactionAloneUnchangedAndTheUploadWithItChanged(Api api,
			boolean inReadTransaction) {
		String id = writer(api).create(new Note(null, null, null, "one", attachment("A"))).id();
		BackgroundCleanups.await();
		// another template (another application instance) reads it
		Writer<Note> reader = writer(api);
		Note read = inReadTransaction ? reader.readInTransaction(id) : reader.find(id);
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

	/** Each API, reading by id ({@code findById}) and in a read transaction. */
	static Stream<Arguments> readsById() {
		return Stream.of(Api.values())
			.flatMap((api) -> Stream.of(Arguments.of(api, false), Arguments.of(api, true)));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anEntityTheApplicationDidNotReadReadsTheVersionItFollowsFirst(Api api) {
		Note created = writer(api).create(new Note(null, null, null, "one", attachment("A")));
		BackgroundCleanups.await();
		reset();

		// a template that neither read nor wrote it: today's read of v1
		Writer<Note> other = writer(api);
		Note second = other.update(created.with("two", attachment("A")));

		assertThat(beforeTheAnswer()).containsExactly("BatchGetItem", "TransactWriteItems");
		assertThat(this.s3Requests.operations()).isEmpty();
		assertThat(second.version()).isEqualTo(2L);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void referencesChangedInPlaceAfterTheReadFailTheConditionAndTheWriteReadsThemAndSucceeds(Api api) {
		Writer<Note> writer = writer(api);
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
		Writer<Note> writer = writer(api);
		Note known = writer.create(new Note(null, null, null, "one", attachment("A")));
		String id = known.id();
		BackgroundCleanups.await();
		// another application deletes it and creates it again under the same id: v1 again, another attachment
		SingleTableTemplate other = requests.blockingTemplate();
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
			SingleTableTemplate template = requests.blockingTemplate();
			Note read = template.findById(Note.class, created.id()).orElseThrow();
			reset();
			java.util.concurrent.atomic.AtomicReference<Note> updated = new java.util.concurrent.atomic.AtomicReference<>();
			template.transaction((tx) -> updated.set(tx.update(read.with("two", null))));
			second = updated.get();
		}
		else {
			ReactiveSingleTableTemplate template = requests.reactiveTemplate();
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

	@ParameterizedTest
	@EnumSource(Api.class)
	void entitiesReadThroughAQueryPageCostTheTransactionAloneUnchangedAndTheUploadWithItChanged(Api api) {
		Writer<Note> creator = writer(api);
		String kept = creator.create(new Note(null, null, null, "one", attachment("A"))).id();
		String replaced = creator.create(new Note(null, null, null, "one", attachment("B"))).id();
		BackgroundCleanups.await();
		// another template reads them through the listing of the type, never by id
		Writer<Note> reader = writer(api);
		Map<String, Note> read = new HashMap<>();
		reader.all().forEach((note) -> read.put(note.id(), note));
		assertThat(read).containsOnlyKeys(kept, replaced);

		// the same attachment refers to v1's object; another is uploaded as v2's
		Note second = updatedWithTheTransactionAlone(reader, read.get(kept), "A");
		Note other = updatedWithTheTransactionAlone(reader, read.get(replaced), "C", "PutObject");
		BackgroundCleanups.await();

		// v2 of each as stored: the version whose object each property uses, then the values loaded
		assertThat(List.of(BlobAttributes.readVersions(dynamo.storedItem("Note#" + kept, "v2")),
				BlobAttributes.readVersions(dynamo.storedItem("Note#" + replaced, "v2"))))
			.containsExactly(Map.of("attachment", 1L), Map.of("attachment", 2L));
		assertThat(List.of(text(reader.load(second).attachment()), text(reader.load(other).attachment())))
			.containsExactly(letters("A"), letters("C"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anEntityReadThroughAProjectionReadsTheVersionItFollowsFirst(Api api) {
		String id = requests.writer(api, Sheet.class)
			.create(new Sheet(null, null, null, "one", "first", attachment("A")))
			.id();
		BackgroundCleanups.await();
		// another template reads it through a projection: its items carry no blob attributes, so they say nothing of
		// the version's references (recorded as none, the update's condition on them would fail, then read)
		Writer<Sheet> reader = requests.writer(api, Sheet.class);
		List<Sheet> read = reader.selected("title");
		assertThat(read).extracting(Sheet::id, Sheet::title, Sheet::body).containsExactly(tuple(id, "one", null));
		reset();

		Sheet updated = reader.update(read.get(0).with("two", attachment("B")));

		assertThat(beforeTheAnswer()).containsExactly("BatchGetItem", "TransactWriteItems");
		// an uncompressed type records no digests (Python would refuse the attribute): the ETag is compared instead
		assertThat(this.s3Requests.operations()).startsWith("HeadObject", "PutObject");
		assertThat(updated.version()).isEqualTo(2L);
		BackgroundCleanups.await();
		assertThat(text(reader.load(updated).attachment())).isEqualTo(letters("B"));
	}

	@ParameterizedTest
	@MethodSource("deletes")
	void aDeleteForgetsWhatTheApplicationKnewOfTheResource(Api api, Deletion deletion) {
		Writer<Note> writer = writer(api);
		Note first = writer.create(new Note(null, null, null, "one", attachment("A")));
		String id = first.id();
		// v1 and v2 known
		Note second = writer.update(first.with("two", attachment("B")));
		BackgroundCleanups.await();
		deletion.delete(writer, second);
		BackgroundCleanups.await();
		// another application creates it again under the same id: v1 again, another attachment
		requests.blockingTemplate().create(new Note(id, null, null, "again", attachment("C")));
		BackgroundCleanups.await();
		reset();

		// the entity held at v1 carries C: nothing known of the resource any more, v1 is read first (facts
		// remembered from before the delete would fail the condition, then read)
		Note updated = writer.update(first.with("three", attachment("C")));

		assertThat(beforeTheAnswer()).containsExactly("BatchGetItem", "TransactWriteItems");
		assertThat(this.s3Requests.operations()).isEmpty();
		assertThat(updated.version()).isEqualTo(2L);
		BackgroundCleanups.await();
		assertThat(text(writer.load(updated).attachment())).isEqualTo(letters("C"));
	}

	static Stream<Arguments> deletes() {
		return Stream.of(Api.values())
			.flatMap((api) -> Stream.of(Deletion.values()).map((deletion) -> Arguments.of(api, deletion)));
	}

	@ParameterizedTest
	@MethodSource("failedDeletes")
	void aDeleteThatFailsForgetsNothing(Api api, Deletion deletion, Class<? extends Exception> failure) {
		Writer<Note> writer = writer(api);
		Note first = writer.create(new Note(null, null, null, "one", attachment("A")));
		Note second = writer.update(first.with("two", attachment("B")));
		BackgroundCleanups.await();

		// the entity as read at v1: its version condition fails, nothing is deleted
		assertThatExceptionOfType(failure).isThrownBy(() -> deletion.delete(writer, first));
		reset();

		Note third = writer.update(second.with("three", attachment("B")));

		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems");
		assertThat(this.s3Requests.operations()).isEmpty();
		assertThat(third.version()).isEqualTo(3L);
	}

	static Stream<Arguments> failedDeletes() {
		return Stream.of(Api.values())
			.flatMap((api) -> Stream.of(Arguments.of(api, Deletion.ENTITY, OptimisticLockingFailureException.class),
					Arguments.of(api, Deletion.ENTITY_IN_TRANSACTION, TransactionCancelledException.class)));
	}

	/** How the application deletes a resource it knows. */
	enum Deletion {

		BY_ID {
			@Override
			void delete(Writer<Note> writer, Note note) {
				writer.deleteById(note.id());
			}
		},

		BY_ID_IN_TRANSACTION {
			@Override
			void delete(Writer<Note> writer, Note note) {
				writer.deleteByIdInTransaction(note.id());
			}
		},

		ENTITY {
			@Override
			void delete(Writer<Note> writer, Note note) {
				writer.delete(note);
			}
		},

		ENTITY_IN_TRANSACTION {
			@Override
			void delete(Writer<Note> writer, Note note) {
				writer.deleteInTransaction(note);
			}
		};

		abstract void delete(Writer<Note> writer, Note note);

	}

	/**
	 * Updates a note with the attachment of a letter, asserting that the caller waited for the
	 * {@code TransactWriteItems} alone and that S3 saw the given requests.
	 */
	private Note updatedWithTheTransactionAlone(Writer<Note> writer, Note note, String letter,
			String... s3Operations) {
		reset();
		Note updated = writer.update(note.with("two", attachment(letter)));
		assertThat(beforeTheAnswer()).containsExactly("TransactWriteItems");
		assertThat(this.s3Requests.operations()).containsExactly(s3Operations);
		return updated;
	}

	/** The DynamoDB requests up to the last TransactWriteItems: what the caller waited for. */
	private List<String> beforeTheAnswer() {
		List<String> operations = this.dynamoRequests.operations();
		return operations.subList(0, operations.lastIndexOf("TransactWriteItems") + 1);
	}

	private void reset() {
		requests.reset();
	}

	private static Writer<Note> writer(Api api) {
		return requests.writer(api, Note.class);
	}

	/** A versioned type stored uncompressed, whose queries can select properties. */
	@SingleTableEntity(versioned = true, maxVersions = 3, compression = SingleTableEntity.Compression.DISABLED)
	record Sheet(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
			String title, @Nullable String body, @BlobField byte @Nullable [] attachment) {

		Sheet with(String title, byte @Nullable [] attachment) {
			return new Sheet(this.id, this.version, this.createdAt, title, this.body, attachment);
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
