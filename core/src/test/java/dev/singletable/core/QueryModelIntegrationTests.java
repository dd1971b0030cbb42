package dev.singletable.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The query model's additions to the fluent query: {@code select} (a ProjectionExpression for uncompressed types),
 * {@code id} (a resource's latest item through the table) and {@code where(Filter)} (a {@link Filter} evaluated
 * after reading, with DynamoDB's meaning).
 */
class QueryModelIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void selectReadsOnlyTheNamedPropertiesOfAnUncompressedType() {
		Task task = this.template.create(Task.of("pick", Status.OPEN, "ann", LocalDate.of(2025, 3, 1), 4));
		dynamo.requests().reset();

		QueryPage<Task> page = this.template.query(Task.class).index("gsi1").partition("status#OPEN").select("title").page();

		Task read = page.items().get(0);
		assertThat(read.id()).isEqualTo(task.id());
		assertThat(read.title()).isEqualTo("pick");
		assertThat(read.owner()).isNull();
		assertThat(read.priority()).isZero();
		assertThat(read.updatedAt()).isEqualTo(task.updatedAt());
		QueryRequest request = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(request.projectionExpression()).isNotNull();
		assertThat(request.expressionAttributeNames().values()).contains("title", "pk", "sk", "gsi1pk")
			.doesNotContain("owner", "priority");
		// cursors of a projected page still continue the query
		this.template.create(Task.of("second", Status.OPEN, "bob", LocalDate.of(2025, 3, 2), 5));
		QueryPage<Task> first = this.template.query(Task.class).index("gsi1").partition("status#OPEN").select("title")
			.limit(1).page();
		QueryPage<Task> next = this.template.query(Task.class).index("gsi1").partition("status#OPEN").select("title")
			.limit(1).page(first.nextCursor());
		assertThat(List.of(first.items().get(0).title(), next.items().get(0).title())).containsExactlyInAnyOrder("pick",
				"second");
		// a count sends no projection, so no unused names
		assertThat(this.template.query(Task.class).index("gsi1").partition("status#OPEN").select("title").count())
			.isEqualTo(2);
	}

	@Test
	void selectOnACompressedTypeReadsWholeItems() {
		Note note = this.template.create(Note.of("whole"));
		dynamo.requests().reset();

		Note read = this.template.query(Note.class).select("title").first().orElseThrow();

		assertThat(read).isEqualTo(note);
		assertThat(dynamo.requests().sent(QueryRequest.class).get(0).projectionExpression()).isNull();
	}

	@Test
	void selectRefusesAPropertyTheTypeDoesNotHave() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query(Task.class).index("gsi1").partition("status#OPEN").select("nope").all())
			.withMessageContaining("Task has no property 'nope'");
	}

	@Test
	void idReadsTheLatestItemOfAVersionedOrPlainResource() {
		Document document = this.template.create(Document.of("one"));
		Document updated = this.template.update(document.withText("two"));
		Task task = this.template.create(Task.of("plain", Status.OPEN, "ann", LocalDate.of(2025, 3, 1), 4));
		dynamo.requests().reset();

		assertThat(this.template.query(Document.class).id(document.id()).all()).containsExactly(updated);
		assertThat(this.template.query(Task.class).id(task.id()).select("title").first()).get()
			.extracting(Task::title)
			.isEqualTo("plain");
		assertThat(this.template.query(Task.class).id("missing").first()).isEmpty();
		assertThat(dynamo.requests().calls()).isEqualTo(3);
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.template.query(Task.class).id(""));
	}

	@Test
	void whereFilterEvaluatesAFilterAfterReadingWithDynamoDbsMeaning() {
		this.template.create(Note.of("low").withTitle("alpha"));
		Note high = this.template.create(new Note(null, null, null, null, "beta", "b", Set.of("x"), 9, 0.5, null, null,
				null, null, null, null));

		assertThat(this.template.query(Note.class).where(Filter.property("priority").gt(5)).all()).containsExactly(high);
		assertThat(this.template.query(Note.class).where(Filter.property("due").lt(LocalDate.of(2030, 1, 1))).all())
			.extracting(Note::title)
			.containsExactly("alpha");
		assertThat(this.template.query(Note.class).where(Filter.property("due").notExists()).all()).containsExactly(high);
		assertThat(this.template.query(Note.class)
			.where(Filter.property("title").beginsWith("b").or(Filter.property("tags").contains("a")))
			.all()).hasSize(2);
		assertThat(this.template.query(Note.class).where(Filter.not(Filter.property("title").in("alpha", "beta"))).all())
			.isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query(Note.class).where(Filter.property("author.name").eq("Ann")))
			.withMessageContaining("top-level");
	}

	@Test
	void aCursorOfOnePartitionIsRefusedByAnother() {
		this.template.create(Task.of("a", Status.OPEN, "ann", LocalDate.of(2025, 3, 1), 4));
		this.template.create(Task.of("b", Status.OPEN, "ann", LocalDate.of(2025, 3, 2), 4));
		String cursor = this.template.query(Task.class).index("gsi1").partition("status#OPEN").limit(1).page()
			.nextCursor();

		assertThat(cursor).isNotNull();
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.template.query(Task.class).index("gsi1").partition("status#DONE").page(cursor));
	}

}
