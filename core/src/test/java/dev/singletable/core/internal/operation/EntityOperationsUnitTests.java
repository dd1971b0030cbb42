package dev.singletable.core.internal.operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.operation.CallerRequest.Callback;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.core.internal.operation.CallerRequest.Kind;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.WriteSupport;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The writes of entities as whole plans ({@link EntityOperations}), driven by hand with scripted answers: what each
 * asks its caller and in which order, what a collected unit leaves for after the commit, and which failures put the
 * given entity's stamps back. No server: the send of a unit is a stand-in plan that records the unit.
 */
class EntityOperationsUnitTests {

	private static final String TABLE = "operations";

	private final List<WriteUnit> sentUnits = new ArrayList<>();

	private EntityOperations operations;

	/** What the stand-in send does with a unit: answer its entity as stored, or fail. */
	private Function<WriteUnit, Step<Object>> send = (unit) -> {
		this.sentUnits.add(unit);
		return Step.done(unit.result());
	};

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		VersionRetention retention = new VersionRetention(TABLE);
		Timestamps timestamps = new Timestamps();
		EntityWrites writes = new EntityWrites(WriteSupport.of(TABLE, converter, timestamps, retention,
				new BlobStage(TABLE, converter, retention, null)));
		AuditRecords audit = new AuditRecords(TABLE, converter, timestamps);
		this.operations = new EntityOperations(converter, writes, new ChangesApplier(converter), audit,
				(unit) -> this.send.apply(unit), (type, operation) -> {
				});
	}

	@Test
	void aCreateSentAtOnceAsksItsCallbacksAroundTheJoinInOrder() {
		Note given = new Note();
		given.text = "first";
		Note stored = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Callback callback) {
				return Answer.of((callback.kind() == Kind.AFTER_SAVE) ? stored : callback.entity());
			}
			return Answer.of(Joined.NOT_BOUND);
		});

		Note result = driver.run(this.operations.create(given));

		assertThat(kinds(driver.sent())).containsExactly("BEFORE_CONVERT", "BEFORE_SAVE", "Join", "AFTER_SAVE");
		assertThat(this.sentUnits).hasSize(1);
		assertThat(this.sentUnits.get(0).operation()).isEqualTo("create");
		// the after-save callbacks' entity is the answer, their latest item the one the unit puts
		assertThat(result).isSameAs(stored);
		assertThat(driver.sent(Callback.class).get(2).latest()).containsKey("gsitype");
	}

	@Test
	void aCollectedCreateIsNotSentAndLeavesItsAfterSaveCallbacksForTheCommit() {
		Note given = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback)
				? Answer.of(callback.entity()) : Answer.of(Joined.COLLECTED));

		Note result = driver.run(this.operations.create(given));

		assertThat(this.sentUnits).isEmpty();
		assertThat(kinds(driver.sent())).containsExactly("BEFORE_CONVERT", "BEFORE_SAVE", "Join");
		CallerRequest.Join join = driver.sent(CallerRequest.Join.class).get(0);
		assertThat(result).isSameAs(join.unit().result());
		// what runs after the commit asks for the after-save callbacks of that entity
		ScriptedDriver commit = new ScriptedDriver((request) -> Answer.of(((Callback) request).entity()));
		commit.run(join.afterCommit());
		assertThat(commit.sent(Callback.class)).singleElement()
			.satisfies((callback) -> assertThat(callback.kind()).isEqualTo(Kind.AFTER_SAVE));
	}

	@Test
	void anAuditedCreateAsksForTheAuditDetailsAndCarriesTheirRow() {
		Diary given = new Diary();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Callback callback) {
				return Answer.of(callback.entity());
			}
			if (request instanceof CallerRequest.AuditContext) {
				return Answer.of(new AuditRecords.Details("alice", Map.of()));
			}
			return Answer.of(Joined.NOT_BOUND);
		});

		driver.run(this.operations.create(given));

		assertThat(kinds(driver.sent())).containsExactly("BEFORE_CONVERT", "AuditContext", "BEFORE_SAVE", "Join",
				"AFTER_SAVE");
		assertThat(driver.sent(CallerRequest.AuditContext.class).get(0).type()).isEqualTo(Diary.class);
		// the unit's last item is the audit row, with the changer the caller answered
		WriteUnit unit = this.sentUnits.get(0);
		assertThat(unit.items()).hasSize(2);
		assertThat(unit.items().get(1).put().item().get("pk").s()).startsWith("_INTERNAL#AuditLog#");
		assertThat(unit.items().get(1).put().item().toString()).contains("alice").contains(AuditEntry.CREATE);
	}

	@Test
	void anUnrecordedScopeAddsNoAuditRow() {
		Diary given = new Diary();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback)
				? Answer.of(callback.entity()) : (request instanceof CallerRequest.AuditContext)
						? Answer.of(AuditRecords.Details.UNRECORDED) : Answer.of(Joined.NOT_BOUND));

		driver.run(this.operations.create(given));

		assertThat(this.sentUnits.get(0).items()).singleElement()
			.satisfies((item) -> assertThat(item.put().item().get("pk").s()).startsWith("Diary#"));
	}

	@Test
	void aFailedSendPutsTheGivenStampsBack() {
		this.send = (unit) -> {
			throw new IllegalStateException("sent and failed");
		};
		Note given = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback)
				? Answer.of(callback.entity()) : Answer.of(Joined.NOT_BOUND));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> driver.run(this.operations.create(given)))
			.withMessage("sent and failed");

		assertThat(given.id).isNull();
		assertThat(given.version).isNull();
		assertThat(given.createdAt).isNull();
		assertThat(kinds(driver.sent())).doesNotContain("AFTER_SAVE");
	}

	@Test
	void aRefusedJoinPutsTheGivenStampsBack() {
		Note given = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback)
				? Answer.of(callback.entity()) : Answer.failed(new IllegalStateException("over 100 items")));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> driver.run(this.operations.create(given)))
			.withMessage("over 100 items");

		assertThat(given.id).isNull();
		assertThat(given.version).isNull();
		assertThat(this.sentUnits).isEmpty();
	}

	@Test
	void aFailingBeforeSaveCallbackPutsTheStampsBackAndSendsNothing() {
		Note given = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback
				&& callback.kind() == Kind.BEFORE_SAVE) ? Answer.failed(new IllegalArgumentException("refused"))
						: (request instanceof Callback callback) ? Answer.of(callback.entity())
								: Answer.of(Joined.NOT_BOUND));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> driver.run(this.operations.create(given)));

		assertThat(given.id).isNull();
		assertThat(kinds(driver.sent())).containsExactly("BEFORE_CONVERT", "BEFORE_SAVE");
		assertThat(this.sentUnits).isEmpty();
	}

	@Test
	void aFailingAfterSaveCallbackKeepsTheStampsOfWhatWasStored() {
		Note given = new Note();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Callback callback
				&& callback.kind() == Kind.AFTER_SAVE) ? Answer.failed(new IllegalArgumentException("after"))
						: (request instanceof Callback callback) ? Answer.of(callback.entity())
								: Answer.of(Joined.NOT_BOUND));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> driver.run(this.operations.create(given)));

		assertThat(this.sentUnits).hasSize(1);
		assertThat(given.id).isNotNull();
		assertThat(given.version).isEqualTo(1L);
	}

	@Test
	void theTemplateStampsSurviveABeforeConvertCallbackThatChangesThem() {
		Note given = new Note();
		Instant stamped = Instant.parse("2020-01-01T00:00:00Z");
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Callback callback && callback.kind() == Kind.BEFORE_CONVERT) {
				Note replaced = new Note();
				replaced.createdAt = stamped;
				replaced.text = "from the callback";
				return Answer.of(replaced);
			}
			return (request instanceof Callback callback) ? Answer.of(callback.entity()) : Answer.of(Joined.NOT_BOUND);
		});

		Note result = driver.run(this.operations.create(given));

		assertThat(result.text).isEqualTo("from the callback");
		assertThat(result.createdAt).isNotEqualTo(stamped);
	}

	private static List<String> kinds(List<Request> sent) {
		return sent.stream()
			.map((request) -> (request instanceof Callback callback) ? callback.kind().name()
					: request.getClass().getSimpleName())
			.toList();
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	public static class Note {

		@Id
		public String id;

		@Version
		public Long version;

		@CreatedDate
		public Instant createdAt;

		@LastModifiedDate
		public Instant updatedAt;

		public String text;

	}

	@Audited
	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
	public static class Diary {

		@Id
		public String id;

		@CreatedDate
		public Instant createdAt;

		@LastModifiedDate
		public Instant updatedAt;

		public String text;

	}

}
