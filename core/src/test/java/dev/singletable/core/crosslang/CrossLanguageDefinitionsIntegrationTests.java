package dev.singletable.core.crosslang;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossFlagged;
import dev.singletable.evolution.DriftReport;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of stored definitions on a table shared with the real Python {@code simplesingletable} 16.5.0: the
 * Python library never sees it (its type listing and index queries return the resources only), and items Python
 * writes are indexed as the recorded definitions say, so a later check finds no drift. Skipped with a reason when
 * Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageDefinitionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	@Test
	void pythonNeverSeesTheRecordOfStoredDefinitions() {
		SingleTableTemplate template = this.table.template();
		CrossFlagged java = template.create(new CrossFlagged(null, null, null, "from java", true));

		DriftReport report = new SingleTableDefinitions(template).checkTypes(List.of(CrossFlagged.class));

		assertThat(report.baselines()).containsExactly(CrossFlagged.class);
		assertThat(this.table.item("_INTERNAL#Definitions", "CrossFlagged")).containsKey("indexes");
		String fromPython = python.create("CrossFlagged", map("title", "from python", "active", true)).id();
		assertThat(python.listByUpdatedAt("CrossFlagged")).extracting(PythonResource::id)
			.containsExactlyInAnyOrder(java.id(), fromPython);
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#True")).extracting(PythonResource::id)
			.containsExactlyInAnyOrder(java.id(), fromPython);
		assertThat(new SingleTableDefinitions(this.table.template()).checkTypes(List.of(CrossFlagged.class)).drifts())
			.isEmpty();
		assertThat(template.query(CrossFlagged.class).index("gsi1").partition("flag#True").all())
			.extracting(CrossFlagged::id)
			.containsExactlyInAnyOrder(java.id(), fromPython);
	}

}
