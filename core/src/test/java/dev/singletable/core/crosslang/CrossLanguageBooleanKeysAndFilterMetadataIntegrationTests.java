package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.AttributeDropRefusedException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossFlagged;
import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Boolean index keys and filter metadata (from issue 23) on a table shared with the real Python {@code
 * simplesingletable} 16.5.0: index keys holding booleans are written as Python's f-strings write them ({@code
 * True}/{@code False}), so each library's query finds what the other wrote; a Java type that does not map the filter
 * {@code metadata} Python writes on {@code v0} does not silently drop it. Skipped with a reason when Python or the
 * library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageBooleanKeysAndFilterMetadataIntegrationTests {

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

	// ---- an update does not silently drop Python's filter metadata ---------------------------------------------

	/** Python {@code CrossTicket} as a Java type that leaves out its filter metadata. */
	@SingleTableEntity(prefix = "CrossTicket", versioned = true)
	record BareTicket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String status, int priority, String body) {

		BareTicket withBody(String body) {
			return new BareTicket(this.id, this.version, this.createdAt, this.updatedAt, this.status, this.priority,
					body);
		}

	}

	/** Python {@code CrossTicket} with its filter metadata declared. */
	@SingleTableEntity(prefix = "CrossTicket", versioned = true)
	record DeclaredTicket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, @FilterMetadata String status, @FilterMetadata int priority,
			String body) {
	}

	@Test
	void anUpdateThatWouldDropPythonsFilterMetadataIsRefusedAndTheItemKept() {
		String id = python.create("CrossTicket", map("status", "open", "priority", 2, "body", "python")).id();
		Map<String, AttributeValue> v0 = this.table.item("CrossTicket#" + id, "v0");
		assertThat(v0).containsKey("metadata");

		assertThatExceptionOfType(AttributeDropRefusedException.class)
			.isThrownBy(() -> this.template.update(this.template.getById(BareTicket.class, id).withBody("java")))
			.satisfies((ex) -> assertThat(ex.getAttribute()).isEqualTo("metadata"))
			.withMessageContaining("BareTicket '" + id + "'")
			.withMessageContaining("@FilterMetadata");

		assertThat(this.table.item("CrossTicket#" + id, "v0")).isEqualTo(v0);
		assertThat(python.get("CrossTicket", id).version()).isEqualTo(1);
	}

	@Test
	void allowedTheUpdateDropsPythonsFilterMetadata() {
		String id = python.create("CrossTicket", map("status", "open", "priority", 2, "body", "python")).id();
		this.template.setAllowDroppingBlobsAndMetadata(true);

		this.template.update(this.template.getById(BareTicket.class, id).withBody("java"));

		assertThat(this.table.item("CrossTicket#" + id, "v0")).doesNotContainKey("metadata");
		assertThat(python.get("CrossTicket", id).text("body")).isEqualTo("java");
	}

	@Test
	void aTypeDeclaringTheFilterMetadataUpdatesIt() {
		String id = python.create("CrossTicket", map("status", "open", "priority", 2, "body", "python")).id();

		DeclaredTicket read = this.template.getById(DeclaredTicket.class, id);
		this.template.update(new DeclaredTicket(read.id(), read.version(), read.createdAt(), read.updatedAt(),
				"closed", 3, "java"));

		assertThat(this.table.item("CrossTicket#" + id, "v0").get("metadata").m())
			.containsEntry("status", AttributeValue.fromS("closed"));
		assertThat(python.get("CrossTicket", id).text("status")).isEqualTo("closed");
	}

}
