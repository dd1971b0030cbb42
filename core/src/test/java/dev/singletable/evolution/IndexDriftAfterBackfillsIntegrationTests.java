package dev.singletable.evolution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The drift of an index and backfills (from issue 25): a {@code forEach} that rewrote some resources does not end the
 * drift of an index it did not write on the others, a changed sort template is drift of its index, and a table from
 * before drift detection is recorded as it is.
 */
class IndexDriftAfterBackfillsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@SingleTableEntity(prefix = "Parcel", versioned = true)
	record Parcel(@Id String id, @Version Long version, String owner, String status) {

	}

	@SingleTableEntity(prefix = "Parcel", versioned = true)
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	record ParcelByOwner(@Id String id, @Version Long version, String owner, String status) {

	}

	private static SingleTableTemplate application(Class<?> type) {
		SingleTableTemplate template = template();
		template.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		return template;
	}

	@Test
	void aForEachThatRewroteSomeResourcesDoesNotEndTheDriftOfAnIndexItDidNotWriteOnTheOthers() {
		SingleTableTemplate first = application(Parcel.class);
		new SingleTableDefinitions(first).check();
		first.create(new Parcel("P1", null, "ann", "open"));
		first.create(new Parcel("P2", null, "ann", "closed"));
		SingleTableTemplate second = application(ParcelByOwner.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(second);
		second.setIndexDriftGuard(definitions);
		assertThat(definitions.check().refusing()).isNotEmpty();
		SingleTableBackfills backfills = new SingleTableBackfills(second);
		backfills.addListener(definitions);

		// only the open parcel is rewritten (and so indexed); the closed one keeps no gsi2pk
		BackfillResult result = backfills.forEach(ParcelByOwner.class,
				(parcel) -> "open".equals(parcel.status())
						? new ParcelByOwner(parcel.id(), parcel.version(), parcel.owner(), "opened") : parcel,
				BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(dynamo.storedItem("Parcel#P2", "v0")).doesNotContainKey("gsi2pk");

		// the index still misses P2: its queries stay refused until a reindex
		assertThat(definitions.getReport().refusing()).isNotEmpty();
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(ParcelByOwner.class).index("gsi2").partition("owner#ann").all());
		backfills.reindex(ParcelByOwner.class);
		assertThat(definitions.getReport().refusing()).isEmpty();
		assertThat(second.query(ParcelByOwner.class).index("gsi2").partition("owner#ann").all()).hasSize(2);
	}

	@SingleTableEntity(prefix = "Shelf")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}")
	record Shelf(@Id String id, String room, String label) {

	}

	@SingleTableEntity(prefix = "Shelf")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}#{id}")
	record ShelfSortedById(@Id String id, String room, String label) {

	}

	@SingleTableEntity(prefix = "Lamp")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}")
	record Lamp(@Id String id, String room, String label) {

	}

	@Test
	void aChangedSortTemplateIsDriftOfItsIndexAndAQueryAnyWithTheCleanTypeIsRefusedToo() {
		SingleTableTemplate first = application(Shelf.class);
		first.getConverter().getMappingContext().getRequiredPersistentEntity(Lamp.class);
		new SingleTableDefinitions(first).check();
		first.create(new Shelf("S1", "hall", "top"));
		first.create(new Lamp("L1", "hall", "desk"));

		SingleTableTemplate second = application(ShelfSortedById.class);
		second.getConverter().getMappingContext().getRequiredPersistentEntity(Lamp.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(second);
		second.setIndexDriftGuard(definitions);
		DriftReport report = definitions.check();

		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.type()).isEqualTo(ShelfSortedById.class);
			assertThat(drift.subject()).isEqualTo("gsi3");
			assertThat(drift.change()).contains("gsi3sk = '{label}' to").contains("gsi3sk = '{label}#{resource_id}'");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(ShelfSortedById.class).index("gsi3").partition("room#hall").all());
		// the lamps, on the same index and partition, did not drift
		assertThat(second.query(Lamp.class).index("gsi3").partition("room#hall").all()).hasSize(1);
		// a query of both types would miss the shelves sorted the former way
		assertThatExceptionOfType(IndexDriftException.class).isThrownBy(
				() -> second.queryAny(ShelfSortedById.class, Lamp.class).index("gsi3").partition("room#hall").all());

		new SingleTableBackfills(second).reindex(ShelfSortedById.class);
		assertThat(dynamo.storedItem("Shelf#S1", "Shelf#S1").get("gsi3sk").s()).isEqualTo("top#S1");
	}

	@Test
	void aTableFromBeforeDriftDetectionIsRecordedAsItIsAndALaterChangeIsDrift() {
		// items written by a version without drift detection: no record
		SingleTableTemplate older = application(Parcel.class);
		older.create(new Parcel("O1", null, "cy", "open"));
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "Parcel")).isNullOrEmpty();

		DriftReport baseline = new SingleTableDefinitions(application(Parcel.class)).check();
		assertThat(baseline.hasDrift()).isFalse();
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "Parcel")).isNotEmpty();

		DriftReport changed = new SingleTableDefinitions(application(ParcelByOwner.class)).check();
		assertThat(changed.refusing()).singleElement().satisfies((drift) -> assertThat(drift.subject()).isEqualTo("gsi2"));
	}

	private static SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
	}

}
