package dev.singletable.core.crosslang;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossFlagged;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 on a table shared with the real Python {@code simplesingletable} 16.5.0: index keys holding booleans
 * are written as Python's f-strings write them ({@code True}/{@code False}), so each library's query finds what
 * the other wrote. Skipped with a reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageIssue23IntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = this.table.template();
	}

	@Test
	void javaWritesBooleanKeysAsPythonsFStringAndPythonsQueryFindsThem() {
		CrossFlagged on = this.template.create(new CrossFlagged(null, null, null, "on", true));
		CrossFlagged off = this.template.create(new CrossFlagged(null, null, null, "off", false));

		assertThat(this.table.item("CrossFlagged#" + on.id(), "CrossFlagged#" + on.id()).get("gsi1pk").s())
			.isEqualTo("flag#True");
		assertThat(this.table.item("CrossFlagged#" + off.id(), "CrossFlagged#" + off.id()).get("gsi1pk").s())
			.isEqualTo("flag#False");
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#True")).extracting(PythonResource::id)
			.containsExactly(on.id());
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#False")).extracting(PythonResource::id)
			.containsExactly(off.id());
	}

	@Test
	void javaFindsAndKeepsTheBooleanKeysPythonWrote() {
		String id = python.create("CrossFlagged", map("title", "p", "active", true)).id();
		String pk = "CrossFlagged#" + id;
		Map<String, AttributeValue> written = this.table.item(pk, pk);
		assertThat(written.get("gsi1pk").s()).isEqualTo("flag#True");

		assertThat(this.template.query(CrossFlagged.class).index("gsi1").partition("flag#" + "True").all())
			.extracting(CrossFlagged::id).containsExactly(id);
		CrossFlagged read = this.template.getById(CrossFlagged.class, id);
		this.template.update(new CrossFlagged(read.id(), read.createdAt(), read.updatedAt(), "p2", true));

		assertThat(this.table.item(pk, pk).get("gsi1pk")).isEqualTo(written.get("gsi1pk"));
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#True")).extracting(PythonResource::id)
			.containsExactly(id);
	}

}
