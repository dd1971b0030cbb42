package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossDoc;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.RewriteMode;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill rewrites read by Python (from issue 25): what a {@code move} and an in-place {@code forEach} wrote on a
 * versioned, compressed type, {@code simplesingletable} 16.5 reads (latest and every version, decompressed) and queries
 * by its index. Skipped with a reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageMigrationRewritesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	/** {@code CrossDoc} stored under a former prefix, without its index keys. */
	@SingleTableEntity(prefix = "FormerCrossDoc", versioned = true)
	record FormerDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, String body, String owner, String rank, long count,
			List<String> tags) {

	}

	@Test
	void pythonReadsEveryVersionOfWhatAMoveAndAnInPlaceForEachWrote() {
		SingleTableTemplate former = this.table.template();
		FormerDoc doc = former.create(new FormerDoc(null, null, null, null, "first", "body one", "zoe", "a", 1,
				List.of("x")));
		doc = former.update(new FormerDoc(doc.id(), doc.version(), null, null, "second", "body two", "zoe", "b", 2,
				List.of("x", "y")));
		String id = doc.id();

		SingleTableBackfills backfills = new SingleTableBackfills(this.table.template());
		assertThat(backfills.move(CrossDoc.class, "FormerCrossDoc", BackfillOptions.defaults()).itemsWritten())
			.isEqualTo(1);

		PythonResource latest = python.get("CrossDoc", id);
		assertThat(latest.version()).isEqualTo(2);
		assertThat(latest.text("title")).isEqualTo("second");
		assertThat(latest.strings("tags")).containsExactly("x", "y");
		assertThat(python.versions("CrossDoc", id)).extracting((version) -> version.text("title"))
			.containsExactlyInAnyOrder("first", "second");
		assertThat(python.query("CrossDoc", "gsi1", "gsi1pk", "owner#zoe")).extracting(PythonResource::id)
			.contains(id);

		backfills.forEach(CrossDoc.class, (stored) -> stored.id().equals(id) ? stored.withTitle("SECOND") : stored,
				BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));

		PythonResource rewritten = python.get("CrossDoc", id);
		assertThat(rewritten.version()).isEqualTo(2);
		assertThat(rewritten.text("title")).isEqualTo("SECOND");
		assertThat(rewritten.text("body")).isEqualTo("body two");
		assertThat(python.versions("CrossDoc", id)).extracting((version) -> version.text("title"))
			.containsExactlyInAnyOrder("first", "SECOND");
		assertThat(python.query("CrossDoc", "gsi1", "gsi1pk", "owner#zoe")).filteredOn((found) -> found.id().equals(id))
			.singleElement()
			.satisfies((found) -> assertThat(found.text("title")).isEqualTo("SECOND"));
	}

}
