package dev.singletable.core.crosslang;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossFlagged;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table's generated cursor secret ({@code _INTERNAL#CursorSecret}) on a table shared with the real Python
 * {@code simplesingletable} 16.5.0: Python's type listing and index queries never see it, and Java's cursors go on
 * across Python's writes. Skipped with a reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageCursorSecretIntegrationTests {

	private static final String SECRET_KEY = "_INTERNAL#CursorSecret";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	@Test
	void pythonNeverSeesTheCursorSecretItem() {
		SingleTableTemplate template = this.table.template();
		List<String> ids = new ArrayList<>();
		ids.add(template.create(new CrossFlagged(null, null, null, "first", true)).id());
		ids.add(template.create(new CrossFlagged(null, null, null, "second", true)).id());

		QueryPage<CrossFlagged> first = template.query(CrossFlagged.class).index("gsi1").partition("flag#True").limit(1)
			.page();
		assertThat(this.table.item(SECRET_KEY, SECRET_KEY)).containsKey("secret");
		ids.add(python.create("CrossFlagged", map("title", "from python", "active", true)).id());

		assertThat(python.listByUpdatedAt("CrossFlagged")).extracting(PythonResource::id)
			.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#True")).extracting(PythonResource::id)
			.containsExactlyInAnyOrderElementsOf(ids);
		List<String> read = new ArrayList<>(first.items().stream().map(CrossFlagged::id).toList());
		read.addAll(template.query(CrossFlagged.class).index("gsi1").partition("flag#True").limit(5)
			.page(first.nextCursor()).items().stream().map(CrossFlagged::id).toList());
		assertThat(read).as("the Java cursor goes on across Python's write").containsExactlyInAnyOrderElementsOf(ids);
	}

}
