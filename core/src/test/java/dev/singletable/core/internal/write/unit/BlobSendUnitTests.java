package dev.singletable.core.internal.write.unit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobCodecs;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.UnitSend;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The plan of the blob stage around a send, run on scripted answers: the lock, the uploads before the items, and
 * what the items' outcome makes of the uploads. No server.
 */
class BlobSendUnitTests {

	private static final BlobLocation COVER = BlobLocation.of("Folder", "f1", 1, "cover");

	private static final BlobLocation COVER_V2 = BlobLocation.of("Folder", "f1", 2, "cover");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private BlobSend sends;

	private WriteUnit create;

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = this.converter;
		// a byte[] of an uncompressed property is stored as it is
		this.sends = new BlobSend("table", converter, new BlobLocks("table"),
				BlobCodecs.of("", converter.getJsonMapper()));
		SingleTablePersistentEntity<?> metadata = converter.getRequiredEntity(Folder.class);
		BlobLocks.Resource resource = new BlobLocks.Resource(metadata, "f1");
		Map<String, AttributeValue> history = Map.of(ItemAttributes.PK, AttributeValue.fromS("Folder#f1"),
				ItemAttributes.SK, AttributeValue.fromS("v1"));
		WriteUnit unit = WriteUnit.failingWith("create", Folder.class, "f1",
				List.of(TransactWriteItem.builder().put(Put.builder().tableName("table").item(history).build()).build()),
				(failed) -> new DataIntegrityViolationException("exists"), new Folder("f1", 1L, new byte[] { 1 }));
		this.create = BlobStage.withBlobs(unit,
				new BlobStage.Staged(resource, history, Map.of("cover", COVER), null, false, Map.of()));
	}

	@Test
	void theObjectsAreUploadedHoldingTheLockBeforeTheItemsAndStayWhenTheItemsAreWritten() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof BlobRequest.PutBlob)
				? Answer.of(Optional.of("stored")) : Answer.of(null));

		UnitSend.Result result = driver.run(this.sends.around(List.of(this.create),
				written(this.create), BlobSendUnitTests::allWritten));

		assertThat(result.written()).containsExactly(this.create);
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(4);
		assertThat(((Request.Conditional) sent.get(0)).request()).isInstanceOf(UpdateItemRequest.class);
		assertThat(sent.get(1)).isEqualTo(new BlobRequest.PutBlob(((BlobRequest.PutBlob) sent.get(1)).blob(), true));
		assertThat(((BlobRequest.PutBlob) sent.get(1)).blob().location()).isEqualTo(COVER);
		assertThat(sent.get(2)).isInstanceOf(Request.Wait.class);
		assertThat(((Request.Conditional) sent.get(3)).request()).isInstanceOf(DeleteItemRequest.class);
	}

	@Test
	void whenTheItemsFailTheObjectsTheyUploadedAreDeletedUnlessAStoredItemRefersToThem() {
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof BlobRequest.PutBlob) {
				return Answer.of(Optional.of("stored"));
			}
			if (request instanceof Request.Plain plain && plain.request() instanceof GetItemRequest) {
				return Answer.of(GetItemResponse.builder().build());
			}
			return Answer.of(null);
		});

		UnitSend.Result result = driver.run(this.sends.around(List.of(this.create),
				(leases) -> Step.done(new UnitSend.Result(List.of(),
						List.of(new UnitSend.Failure(0, this.create, new DataIntegrityViolationException("exists"))))),
				BlobSendUnitTests::allWritten));

		assertThat(result.failures()).hasSize(1);
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(5);
		GetItemRequest read = (GetItemRequest) ((Request.Plain) sent.get(2)).request();
		assertThat(read.key().get(ItemAttributes.SK).s()).isEqualTo("v1");
		assertThat(read.consistentRead()).isTrue();
		assertThat(sent.get(3)).isEqualTo(new BlobRequest.DeleteBlobs(List.of(COVER)));
		assertThat(((Request.Conditional) sent.get(4)).request()).isInstanceOf(DeleteItemRequest.class);
	}

	@Test
	void anUploadThatFailsDeletesWhatItSentGivesTheLockBackAndTheItemsAreNeverSent() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof BlobRequest.PutBlob)
				? Answer.failed(new IllegalStateException("S3 refused")) : Answer.of(null));

		assertThatIllegalStateException()
			.isThrownBy(() -> driver.run(this.sends.around(List.of(this.create),
					(leases) -> {
						throw new AssertionError("the items are not sent");
					}, BlobSendUnitTests::allWritten)))
			.withMessage("S3 refused");
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(4);
		assertThat(sent.get(2)).isEqualTo(new BlobRequest.DeleteBlobs(List.of(COVER)));
		assertThat(((Request.Conditional) sent.get(3)).request()).isInstanceOf(DeleteItemRequest.class);
	}

	// ---- a versioned write after the first: no lock, its own key written only if absent ----------------------

	@Test
	void anUpdateAfterTheFirstUploadsItsObjectOnlyIfAbsentWithoutTheLockBeforeTheItems() {
		WriteUnit update = update();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof BlobRequest.PutBlob)
				? Answer.of(Optional.of("stored")) : Answer.of(null));

		UnitSend.Result result = driver.run(this.sends.around(List.of(update),
				written(update), BlobSendUnitTests::allWritten));

		assertThat(result.written()).containsExactly(update);
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(2);
		assertThat(((BlobRequest.PutBlob) sent.get(0)).ifAbsent()).isTrue();
		assertThat(((BlobRequest.PutBlob) sent.get(0)).blob().location()).isEqualTo(COVER_V2);
		assertThat(sent.get(1)).isInstanceOf(Request.Wait.class);
	}

	@Test
	void anUpdateThatFindsTheObjectOfAnotherWriteOfItsVersionUnderWayFailsAndDeletesNothing() {
		WriteUnit update = update();
		ScriptedDriver driver = new ScriptedDriver(leftover(Instant.now()));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> driver.run(this.sends.around(List.of(update), (leases) -> {
				throw new AssertionError("the items are not sent");
			}, BlobSendUnitTests::allWritten)))
			.withMessageContaining("Folder 'f1'")
			.withMessageContaining("another write of version 2 is under way");
		List<Request> sent = driver.sent();
		// the conditional upload, the lock, the items of v2 and v0 read, the object's age, the lock given back
		assertThat(sent).hasSize(6);
		assertThat(((Request.Conditional) sent.get(1)).request()).isInstanceOf(UpdateItemRequest.class);
		assertThat(sent.get(4)).isEqualTo(new BlobRequest.LastModified(COVER_V2));
		assertThat(((Request.Conditional) sent.get(5)).request()).isInstanceOf(DeleteItemRequest.class);
		assertThat(sent).noneMatch((request) -> request instanceof BlobRequest.DeleteBlobs);
	}

	@Test
	void anUpdateThatFindsALeftoverOlderThanTheLeaseWritesOverItHoldingTheLock() {
		WriteUnit update = update();
		ScriptedDriver driver = new ScriptedDriver(leftover(Instant.now().minus(java.time.Duration.ofMinutes(5))));

		UnitSend.Result result = driver.run(this.sends.around(List.of(update),
				written(update), BlobSendUnitTests::allWritten));

		assertThat(result.written()).containsExactly(update);
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(8);
		assertThat(sent.get(5)).isEqualTo(new BlobRequest.PutBlob(((BlobRequest.PutBlob) sent.get(5)).blob(), false));
		assertThat(sent.get(6)).isInstanceOf(Request.Wait.class);
		assertThat(((Request.Conditional) sent.get(7)).request()).isInstanceOf(DeleteItemRequest.class);
	}

	/**
	 * The items' plan of a send that writes the unit: one request (a pause standing for the items), then written.
	 */
	private static Function<List<BlobLocks.Lease>, Step<UnitSend.Result>> written(WriteUnit unit) {
		return (leases) -> Step.send(new Request.Wait(java.time.Duration.ZERO),
				(sent) -> Step.done(new UnitSend.Result(List.of(unit), List.of())));
	}

	/**
	 * The answers when the version's key holds an object written at the given time: no item of v2, v1 the latest.
	 */
	private static Function<Request, Answer> leftover(Instant written) {
		return (request) -> {
			if (request instanceof BlobRequest.PutBlob put) {
				return Answer.of(put.ifAbsent() ? Optional.empty() : Optional.of("stored"));
			}
			if (request instanceof BlobRequest.LastModified) {
				return Answer.of(Optional.of(written));
			}
			if (request instanceof Request.Plain plain && plain.request() instanceof GetItemRequest get) {
				String sk = get.key().get(ItemAttributes.SK).s();
				return Answer.of(sk.equals("v0")
						? GetItemResponse.builder()
							.item(Map.of(ItemAttributes.PK, AttributeValue.fromS("Folder#f1"), ItemAttributes.SK,
									AttributeValue.fromS("v0"), ItemAttributes.VERSION, AttributeValue.fromN("1")))
							.build()
						: GetItemResponse.builder().build());
			}
			return Answer.of(null);
		};
	}

	/**
	 * The write of version 2 of the folder, whose cover changed.
	 */
	private WriteUnit update() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Folder.class);
		Map<String, AttributeValue> history = Map.of(ItemAttributes.PK, AttributeValue.fromS("Folder#f1"),
				ItemAttributes.SK, AttributeValue.fromS("v2"));
		WriteUnit unit = WriteUnit.failingWith("update", Folder.class, "f1",
				List.of(TransactWriteItem.builder().put(Put.builder().tableName("table").item(history).build()).build()),
				(failed) -> new DataIntegrityViolationException("changed"), new Folder("f1", 2L, new byte[] { 2 }));
		return BlobStage.withBlobs(unit, new BlobStage.Staged(new BlobLocks.Resource(metadata, "f1"), history,
				Map.of("cover", COVER_V2), null, true, Map.of()));
	}

	@SingleTableEntity(versioned = true)
	public record Folder(@Id String id, @Version Long version, @BlobField byte[] cover) {
	}

	private static boolean allWritten(UnitSend.Result result) {
		return result.failures().isEmpty();
	}

}
