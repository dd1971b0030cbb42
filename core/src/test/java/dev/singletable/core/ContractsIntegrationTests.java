package dev.singletable.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Contracts of the template and its queries that callers rely on: counts agree with reads, partial updates with
 * values of the wrong type fail before writing, null ids are illegal arguments, untyped values read alike
 * whatever the storage form, and pages end where the results end.
 */
class ContractsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setClock(this.clock);
	}

	// ---- counting with hidden expired items ---------------------------------------------------------------

	@Test
	void countsAgreeWithReadsWhenExpiredItemsAreHidden() {
		Instant now = this.clock.instant();
		for (int i = 0; i < 3; i++) {
			this.template.create(new Lease(null, null, "ann", now.plusSeconds(100)));
		}
		this.template.create(new Lease(null, null, "ann", now.plusSeconds(10_000)));
		this.template.create(new Lease(null, null, "ann", null));
		this.template.create(new Lease(null, null, "bob", now.plusSeconds(10_000)));
		Permit gone = this.template.create(new Permit(null, null, null, null, "ann", now.plusSeconds(100)));
		Permit kept = this.template.create(new Permit(null, null, null, null, "ann", now.plusSeconds(10_000)));
		kept = this.template.update(kept.withHolder("ann lee"));
		this.clock.set(now.plusSeconds(1_000));

		assertCountMatchesReads(this.template.query(Lease.class), 3);
		assertCountMatchesReads(this.template.query(Lease.class).index("gsi1").partition("holder#ann"), 2);
		assertCountMatchesReads(this.template.query(Lease.class).filter(Filter.property("holder").eq("ann")), 2);
		assertCountMatchesReads(this.template.query(Permit.class), 1);
		assertCountMatchesReads(this.template.query(Permit.class).table().partition("Permit#" + kept.id()).consistentRead(), 1);
		assertCountMatchesReads(this.template.query(Permit.class).table().partition("Permit#" + gone.id()).consistentRead(), 0);
	}

	@Test
	void anItemExpiresAtItsTtlSecondForReadsAndCountsAlike() {
		Instant now = this.clock.instant();
		this.template.create(new Lease(null, null, "ann", now.plusSeconds(10)));

		this.clock.set(now.plusSeconds(9).plusMillis(999));
		assertCountMatchesReads(this.template.query(Lease.class), 1);
		this.clock.set(now.plusSeconds(10));
		assertCountMatchesReads(this.template.query(Lease.class), 0);
	}

	@Test
	void countsLeaveOutTheItemsOfOtherTypesThatShareTheTypeIndexPartition() {
		this.template.create(new Apple(null, null, "basket#1"));
		this.template.create(new Pear(null, null, "basket#1"));
		this.template.create(new Pear(null, null, "basket#1"));
		this.template.create(new Pear(null, null, "basket#2"));

		assertCountMatchesReads(this.template.query(Apple.class), 1);
		assertCountMatchesReads(this.template.query(Pear.class), 3);
		assertCountMatchesReads(this.template.query(Apple.class).index("gsi1").partition("basket#1"), 1);
		assertCountMatchesReads(this.template.query(Pear.class).index("gsi1").partition("basket#1"), 2);
	}

	@Test
	void countsOverSeveralTypesLeaveOutTheItemsOfTypesNotAskedFor() {
		this.template.create(new Plum(null, null, "basket#1"));
		this.template.create(new Plum(null, null, "basket#1"));
		this.template.create(new Pear(null, null, "basket#1"));
		this.template.create(new Cherry(null, null, "basket#1"));

		assertCountMatchesReads(this.template.queryAny(Plum.class).index("gsi1").partition("basket#1"), 2);
		assertCountMatchesReads(this.template.queryAny(Plum.class, Cherry.class).index("gsi1").partition("basket#1"), 3);
		assertCountMatchesReads(this.template.queryAny(Plum.class, Pear.class).index("gsi1").partition("basket#1"), 3);
		assertCountMatchesReads(this.template.queryAny(Plum.class, Cherry.class).index("gsitype").partition("Plum"), 2);
	}

	private static void assertCountMatchesReads(SingleTableQuery<?> query, int expected) {
		assertThat(query.all()).hasSize(expected);
		assertThat(query.count()).isEqualTo(expected);
	}

	// ---- partial updates with values of the wrong type ----------------------------------------------------

	@Test
	void aChangeOfTheWrongTypeFailsNamingTypeAndFieldAndWritesNothing() {
		Note note = this.template.create(Note.of("first"));
		Profile profile = this.template.create(new Profile("Ann"));
		dynamo.requests().reset();

		assertThatIllegalArgumentException().isThrownBy(() -> this.template.update(note, Changes.set("tags", 42)))
			.withMessageContaining("Note")
			.withMessageContaining("'tags'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.update(note, Changes.set("title", "fine").and("priority", "high")))
			.withMessageContaining("Note")
			.withMessageContaining("'priority'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.update(note, Changes.set("due", Map.of("day", "monday"))))
			.withMessageContaining("'due'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.update(profile, Changes.set("roles", Map.of("admin", 1))))
			.withMessageContaining("Profile")
			.withMessageContaining("'roles'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.update(profile, Changes.set("nickname", "x").and("settings", new Unwritable())))
			.withMessageContaining("Profile")
			.withMessageContaining("'settings'");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.getById(Note.class, note.id())).isEqualTo(note);
		assertThat(this.template.getById(Profile.class, profile.getId()).getNickname()).isNull();
	}

	@Test
	void aChangeThatOnlyACoercionWouldFitIsRefusedAndWritesNothing() {
		Note note = this.template.create(Note.of("first"));
		dynamo.requests().reset();

		Map<String, Object> wrong = new LinkedHashMap<>();
		wrong.put("priority", 3.7);
		wrong.put("title", 42);
		wrong.put("tags", List.of(1, 2));
		wrong.put("author", Map.of("name", 5, "email", "ann@example.com"));
		wrong.put("done", 1);
		wrong.put("due", 5);
		wrong.forEach((name, value) -> assertThatIllegalArgumentException().as(name)
			.isThrownBy(() -> this.template.update(note, Changes.set(name, value)))
			.withMessageContaining("'" + name + "'")
			.withMessageContaining("Note"));
		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.getById(Note.class, note.id())).isEqualTo(note);

		Note changed = this.template.update(note, Changes.set("priority", 7L)
			.and("score", 2)
			.and("title", "second")
			.and("tags", Set.of("c"))
			.and("author", new Note.Author("Bob", "bob@example.com"))
			.and("done", true)
			.and("due", LocalDate.of(2025, 3, 1)));
		assertThat(this.template.getById(Note.class, note.id())).isEqualTo(changed);
		assertThat(changed.priority()).isEqualTo(7);
		assertThat(changed.score()).isEqualTo(2.0);
		assertThat(changed.tags()).containsExactly("c");
	}

	// ---- null ids ----------------------------------------------------------------------------------------

	@Test
	void nullIdsAreIllegalArgumentsAndSendNothing() {
		Profile profile = this.template.create(new Profile("Ann"));
		dynamo.requests().reset();

		assertThatIllegalArgumentException().isThrownBy(() -> this.template.findById(Note.class, null))
			.withMessageContaining("Note");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.getById(Note.class, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.deleteById(Note.class, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.findVersion(Note.class, null, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.findAllVersions(Note.class, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.findAllById(Profile.class, Arrays.asList(profile.getId(), null)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.deleteAllById(Profile.class, Arrays.asList(profile.getId(), null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.deleteAllById(Profile.class, null));

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.findById(Profile.class, profile.getId())).isPresent();
	}

	// ---- untyped values ----------------------------------------------------------------------------------

	@Test
	void untypedValuesReadBackAsTheSameJavaTypesCompressedOrNot() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("int", 7);
		values.put("negative", -12);
		values.put("long", 5_000_000_000L);
		values.put("big", new BigInteger("123456789012345678901234567890"));
		values.put("fraction", 1.5);
		values.put("decimal", new BigDecimal("0.1"));
		values.put("exponent", 1.5e-20);
		values.put("text", "x");
		values.put("flag", true);
		values.put("none", null);
		values.put("bytes", new byte[] { 1, 2, 3 });
		values.put("list", List.of(1, 2.5, "y", List.of(3)));
		values.put("nested", Map.of("n", 3, "f", 0.25));
		List<Object> list = List.of(1, 6_000_000_000L, 0.5, Map.of("k", 1));

		Bag plain = this.template.create(new Bag(null, values, list, 42));
		ZippedBag zipped = this.template.create(new ZippedBag(null, values, list, 42));
		Bag plainRead = this.template.getById(Bag.class, plain.id());
		ZippedBag zippedRead = this.template.getById(ZippedBag.class, zipped.id());

		assertThat(plainRead.values()).isEqualTo(zippedRead.values());
		assertThat(plainRead.list()).isEqualTo(zippedRead.list());
		assertThat(plainRead.any()).isEqualTo(zippedRead.any()).isEqualTo(42);
		assertThat(plainRead.values()).containsEntry("int", 7)
			.containsEntry("negative", -12)
			.containsEntry("long", 5_000_000_000L)
			.containsEntry("big", new BigInteger("123456789012345678901234567890"))
			.containsEntry("fraction", 1.5)
			.containsEntry("decimal", 0.1)
			.containsEntry("exponent", 1.5e-20)
			.containsEntry("bytes", "AQID")
			.containsEntry("list", List.of(1, 2.5, "y", List.of(3)))
			.containsEntry("nested", Map.of("n", 3, "f", 0.25));
		assertThat(plainRead.list()).containsExactly(1, 6_000_000_000L, 0.5, Map.of("k", 1));
	}

	@Test
	void untypedWholeNumbersWrittenWithAFractionReadAsTheSameIntegersCompressedOrNot() {
		// DynamoDB keeps no number form: 1.0 and 1e20 are stored, and read, as 1 and 100000000000000000000
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("whole", 1.0);
		values.put("negative", -3.0);
		values.put("wide", 6.0e9);
		values.put("exponent", 1e20);
		values.put("decimal", new BigDecimal("2.50"));
		values.put("nested", List.of(List.of(true, 4.0, 0.5), Map.of("f", 8.0)));
		List<Object> list = List.of(1.0, 2.25);

		Bag plain = this.template.getById(Bag.class, this.template.create(new Bag(null, values, list, 7.0)).id());
		ZippedBag zipped = this.template.getById(ZippedBag.class,
				this.template.create(new ZippedBag(null, values, list, 7.0)).id());

		assertThat(zipped.values()).isEqualTo(plain.values())
			.containsEntry("whole", 1)
			.containsEntry("negative", -3)
			.containsEntry("wide", 6_000_000_000L)
			.containsEntry("exponent", new BigInteger("100000000000000000000"))
			.containsEntry("decimal", 2.5)
			.containsEntry("nested", List.of(List.of(true, 4, 0.5), Map.of("f", 8)));
		assertThat(zipped.list()).isEqualTo(plain.list()).containsExactly(1, 2.25);
		assertThat(zipped.any()).isEqualTo(plain.any()).isEqualTo(7);
	}

	// ---- where pages end ---------------------------------------------------------------------------------

	@Test
	void aPageEndingAtTheLastResultHasNoNextPage() {
		List<Task> tasks = createTasks(6);
		dynamo.requests().reset();

		QueryPage<Task> whole = open().limit(6).page();
		assertThat(whole.items()).extracting(Task::title).containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
		assertThat(whole.nextCursor()).isNull();
		assertThat(whole.requests()).isEqualTo(1);

		QueryPage<Task> first = open().limit(3).page();
		QueryPage<Task> second = open().limit(3).page(first.nextCursor());
		assertThat(first.hasNext()).isTrue();
		assertThat(second.items()).extracting(Task::title).containsExactly("t3", "t4", "t5");
		assertThat(second.hasNext()).isFalse();
		assertThat(second.requests()).isEqualTo(1);

		QueryPage<Task> filtered = open().filter(Filter.property("priority").ge(3)).limit(3).page();
		assertThat(filtered.items()).extracting(Task::title).containsExactly("t3", "t4", "t5");
		assertThat(filtered.hasNext()).isFalse();
		QueryPage<Task> predicate = open().where((task) -> task.priority() < 3).limit(3).page();
		assertThat(predicate.items()).extracting(Task::title).containsExactly("t0", "t1", "t2");
		assertThat(predicate.hasNext()).isFalse();
		assertThat(dynamo.requests().count("Query")).as("one request per page").isEqualTo(5);
		assertThat(tasks).hasSize(6);
	}

	@Test
	void theCursorAtAnyResultContinuesRightAfterItOrRightBeforeIt() {
		createTasks(10);

		QueryPage<Task> first = open().limit(4).page();
		assertThat(first.cursors()).hasSize(4);
		assertThat(open().limit(4).page(first.cursors().get(1)).items()).extracting(Task::title)
			.containsExactly("t2", "t3", "t4", "t5");
		QueryPage<Task> second = open().limit(4).page(first.nextCursor());
		assertThat(second.items()).extracting(Task::title).containsExactly("t4", "t5", "t6", "t7");

		QueryPage<Task> back = open().limit(4).pageBefore(second.cursors().get(0));
		assertThat(back.items()).extracting(Task::title).containsExactly("t0", "t1", "t2", "t3");
		assertThat(back.hasNext()).as("nothing before t0").isFalse();
		QueryPage<Task> overlapping = open().limit(4).pageBefore(second.cursors().get(2));
		assertThat(overlapping.items()).extracting(Task::title).containsExactly("t2", "t3", "t4", "t5");
		assertThat(overlapping.hasNext()).isTrue();
		assertThat(open().limit(4).pageBefore(overlapping.nextCursor()).items()).extracting(Task::title)
			.containsExactly("t0", "t1");
		assertThat(open().limit(4).page(overlapping.cursors().get(3)).items()).extracting(Task::title)
			.containsExactly("t6", "t7", "t8", "t9");

		QueryPage<Task> last = open().limit(3).pageBefore(null);
		assertThat(last.items()).extracting(Task::title).containsExactly("t7", "t8", "t9");
		QueryPage<Task> descending = open().descending().limit(3).pageBefore(last.cursors().get(1));
		assertThat(descending.items()).extracting(Task::title).containsExactly("t9");
		assertThat(descending.hasNext()).isFalse();
	}

	private List<Task> createTasks(int count) {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(this.template.create(Task.of("t" + i, Status.OPEN, null, null, i)));
		}
		return tasks;
	}

	private SingleTableQuery<Task> open() {
		return this.template.query(Task.class).index("gsi1").partition("status#OPEN");
	}

	// ---- types ---------------------------------------------------------------------------------------------

	@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)
	@IndexKey(index = "gsi1", partition = "holder#{holder}")
	record Lease(@Id String id, @LastModifiedDate Instant updatedAt, String holder, Instant expiresAt) {
	}

	@SingleTableEntity(versioned = true, ttlProperty = "expiresAt", hideExpired = true)
	record Permit(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String holder, Instant expiresAt) {

		Permit withHolder(String holder) {
			return new Permit(this.id, this.version, this.createdAt, this.updatedAt, holder, this.expiresAt);
		}

	}

	@SingleTableEntity
	@IndexKey(index = "gsitype", partition = "Fruit")
	@IndexKey(index = "gsi1", partition = "{basket}")
	record Apple(@Id String id, @LastModifiedDate Instant updatedAt, String basket) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsitype", partition = "Fruit")
	@IndexKey(index = "gsi1", partition = "{basket}")
	record Pear(@Id String id, @LastModifiedDate Instant updatedAt, String basket) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "{basket}")
	record Plum(@Id String id, @LastModifiedDate Instant updatedAt, String basket) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "{basket}")
	record Cherry(@Id String id, @LastModifiedDate Instant updatedAt, String basket) {
	}

	@SingleTableEntity
	record Bag(@Id String id, Map<String, Object> values, List<Object> list, Object any) {
	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED)
	record ZippedBag(@Id String id, Map<String, Object> values, List<Object> list, Object any) {
	}

	/** A value Jackson cannot write: its only property fails. */
	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

}
