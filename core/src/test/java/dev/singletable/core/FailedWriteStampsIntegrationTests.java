package dev.singletable.core;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A failed write leaves a mutable entity as it was given: the id a failed create generated, the version and the
 * timestamps a failed write stamped are put back, whether the write failed when it was built, sent alone, or with
 * a transaction that was cancelled or rolled back.
 */
class FailedWriteStampsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void aSuccessfulWriteStillStampsTheBeanInPlace() {
		Journal journal = new Journal("a");
		this.template.create(journal);
		assertThat(journal.getId()).isNotNull();
		assertThat(journal.getVersion()).isEqualTo(1L);

		journal.setName("b");
		this.template.update(journal);
		assertThat(journal.getVersion()).isEqualTo(2L);
	}

	@Test
	void aConflictingUpdateLeavesVersionAndTimestampsAsBefore() {
		Journal journal = this.template.create(new Journal("a"));
		Journal stale = this.template.getById(Journal.class, journal.getId());
		journal.setName("b");
		this.template.update(journal);
		Instant updatedBefore = stale.getUpdatedAt();
		Instant createdBefore = stale.getCreatedAt();

		stale.setName("c");
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.update(stale));

		assertThat(stale.getVersion()).isEqualTo(1L);
		assertThat(stale.getUpdatedAt()).isEqualTo(updatedBefore);
		assertThat(stale.getCreatedAt()).isEqualTo(createdBefore);
		assertThat(stale.getId()).isEqualTo(journal.getId());
	}

	@Test
	void aConflictingPlainUpdateLeavesTheModificationTimeAsBefore() {
		Note note = this.template.create(new Note("a"));
		Note stale = this.template.getById(Note.class, note.getId());
		note.setText("b");
		this.template.update(note);
		Instant before = stale.getUpdatedAt();

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.update(stale));

		assertThat(stale.getUpdatedAt()).isEqualTo(before);
	}

	@Test
	void aDuplicateCreateLeavesTheBeanUnstamped() {
		Journal first = this.template.create(new Journal("a"));
		Journal duplicate = new Journal("b");
		duplicate.setId(first.getId());

		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> this.template.create(duplicate));

		assertThat(duplicate.getId()).isEqualTo(first.getId());
		assertThat(duplicate.getVersion()).isNull();
		assertThat(duplicate.getCreatedAt()).isNull();
		assertThat(duplicate.getUpdatedAt()).isNull();
	}

	@Test
	void aCreateRefusedForItsSizeDropsTheIdItGenerated() {
		java.util.Random random = new java.util.Random(23);
		StringBuilder noise = new StringBuilder();
		for (int i = 0; i < 900_000; i++) {
			noise.append((char) ('!' + random.nextInt(90)));
		}
		// versioned types are compressed: random text stays over 400 KB
		Journal huge = new Journal(noise.toString());

		assertThatExceptionOfType(ItemTooLargeException.class).isThrownBy(() -> this.template.create(huge));

		assertThat(huge.getId()).isNull();
		assertThat(huge.getVersion()).isNull();
		assertThat(huge.getCreatedAt()).isNull();
		assertThat(huge.getUpdatedAt()).isNull();
	}

	@Test
	void aCancelledTransactionLeavesEveryBeanAsBefore() {
		Journal journal = this.template.create(new Journal("a"));
		Journal stale = this.template.getById(Journal.class, journal.getId());
		this.template.update(journal);
		Instant staleUpdated = stale.getUpdatedAt();
		Journal fresh = new Journal("new");

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			tx.create(fresh);
			tx.update(stale);
		}));

		assertThat(fresh.getId()).isNull();
		assertThat(fresh.getVersion()).isNull();
		assertThat(fresh.getCreatedAt()).isNull();
		assertThat(fresh.getUpdatedAt()).isNull();
		assertThat(stale.getVersion()).isEqualTo(1L);
		assertThat(stale.getUpdatedAt()).isEqualTo(staleUpdated);
	}

	@Test
	void aRolledBackTransactionLeavesTheBeansAsBefore() {
		Journal fresh = new Journal("new");

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			tx.create(fresh);
			assertThat(fresh.getId()).isNotNull();
			throw new IllegalStateException("changed my mind");
		}));

		assertThat(fresh.getId()).isNull();
		assertThat(fresh.getVersion()).isNull();
		assertThat(fresh.getUpdatedAt()).isNull();
	}

	/** A versioned, mutable JavaBean. */
	@SingleTableEntity(versioned = true)
	public static class Journal {

		@Id
		private String id;

		@Version
		private Long version;

		@CreatedDate
		private Instant createdAt;

		@LastModifiedDate
		private Instant updatedAt;

		private String name;

		public Journal() {
		}

		Journal(String name) {
			this.name = name;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public Long getVersion() {
			return this.version;
		}

		public void setVersion(Long version) {
			this.version = version;
		}

		public Instant getCreatedAt() {
			return this.createdAt;
		}

		public void setCreatedAt(Instant createdAt) {
			this.createdAt = createdAt;
		}

		public Instant getUpdatedAt() {
			return this.updatedAt;
		}

		public void setUpdatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	/** A plain, mutable JavaBean, optimistic on its modification time. */
	@SingleTableEntity
	public static class Note {

		@Id
		private String id;

		@LastModifiedDate
		private Instant updatedAt;

		private String text;

		public Note() {
		}

		Note(String text) {
			this.text = text;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public Instant getUpdatedAt() {
			return this.updatedAt;
		}

		public void setUpdatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
		}

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

	}

}
