package dev.singletable.core.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.ItemTooLargeException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Input chosen to break things: oversized items, attribute names full of expression syntax, bad ids, forged
 * cursors and random filter operands. Each is refused clearly or handled exactly, and nothing is half-written.
 */
@Tag("reliability")
class HostileInputIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void oversizedItemsAreRefusedBeforeAnythingIsWritten() {
		Note note = this.template.create(Note.of("small"));
		String huge = random(new Random(1), 800_000, "abcdefghijklmnopqrstuvwxyz0123456789");
		dynamo.requests().reset();

		assertThatExceptionOfType(ItemTooLargeException.class)
			.isThrownBy(() -> this.template.update(note.withTitle(huge)))
			.withMessageContaining("Note '" + note.id() + "'")
			.satisfies((ex) -> assertThat(ex.getSize()).isGreaterThan(400 * 1024));

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.findAllVersions(Note.class, note.id())).hasSize(1);
		ReliabilityReport.row("item over 400 KB", 1, 0, 0, "ItemTooLargeException naming type, id and size; 0 requests");
	}

	@Test
	void attributeNamesWithExpressionSyntaxRoundTripAndFilterExactly() {
		Weird a = this.template.create(new Weird(null, "OPEN", "h#1", "c:1", "d.1", "s 1", "ü名1", "name1"));
		this.template.create(new Weird(null, "DONE", "h#2", "c:2", "d.2", "s 2", "ü名2", "name2"));

		assertThat(this.template.getById(Weird.class, a.id())).isEqualTo(a);
		for (String attribute : List.of("status", "a#b", "x:y", "a.b", "with space", "ünï 名", "name")) {
			Object value = switch (attribute) {
				case "status" -> a.status();
				case "a#b" -> a.hash();
				case "x:y" -> a.colon();
				case "a.b" -> a.dot();
				case "with space" -> a.space();
				case "ünï 名" -> a.unicode();
				default -> a.name();
			};
			assertThat(this.template.query(Weird.class).filter(Filter.attribute(attribute).eq(value)).all())
				.as(attribute)
				.containsExactly(a);
		}
		assertThat(this.template.query(Weird.class).filter(Filter.property("hash").beginsWith("h#")).all()).hasSize(2);
	}

	@Test
	void badIdsAreRefusedClearly() {
		for (String id : List.of("", "x".repeat(600), "new\nline", "lone\uDC00")) {
			assertThatExceptionOfType(InvalidResourceIdException.class).as(id)
				.isThrownBy(() -> this.template.findById(Note.class, id))
				.withMessageContaining("Invalid id for Note");
		}
	}

	@Test
	void randomFilterOperandsMatchExactlyWhatAnInMemoryFilterMatches() {
		Random random = new Random(42);
		String alphabet = "ab#:.() '\"=<>,$%{}[]\\ü名";
		List<Task> stored = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			stored.add(Task.of(random(random, 1 + random.nextInt(4), alphabet), Task.Status.OPEN, null, null, i));
		}
		stored = this.template.putAll(stored);
		int probes = 0;
		for (int round = 0; round < 60; round++) {
			String probe = (round % 2 == 0) ? stored.get(random.nextInt(stored.size())).title()
					: random(random, 1 + random.nextInt(3), alphabet);
			List<String> expectedEq = stored.stream().filter((t) -> t.title().equals(probe)).map(Task::id).sorted().toList();
			List<String> expectedPrefix = stored.stream()
				.filter((t) -> t.title().startsWith(probe))
				.map(Task::id)
				.sorted()
				.toList();
			assertThat(ids(this.template.query(Task.class).filter(Filter.property("title").eq(probe)).all()))
				.as("eq %s", probe)
				.isEqualTo(expectedEq);
			assertThat(ids(this.template.query(Task.class).filter(Filter.property("title").beginsWith(probe)).all()))
				.as("begins_with %s", probe)
				.isEqualTo(expectedPrefix);
			probes += 2;
		}
		ReliabilityReport.row("random filter operands (seed 42) vs in-memory filter", probes, 0, 0,
				"every result set identical; no value became expression syntax");
	}

	@Test
	void forgedAndReplayedCursorsAreRefused() {
		for (int i = 0; i < 6; i++) {
			this.template.create(Task.of("t" + i, Task.Status.OPEN, null, null, i));
			this.template.create(Note.of("n" + i));
		}
		String taskCursor = this.template.query(Task.class).limit(2).page().nextCursor();
		String noteCursor = this.template.query(Note.class).limit(2).page().nextCursor();

		for (String bad : List.of(noteCursor, taskCursor.substring(1), taskCursor.replace('A', 'B') + "A", "e30.e30")) {
			assertThatExceptionOfType(InvalidCursorException.class).as(bad)
				.isThrownBy(() -> this.template.query(Task.class).page(bad));
		}
		ReliabilityReport.row("forged, truncated and cross-type cursors", 4, 0, 0, "InvalidCursorException each time");
	}

	private static List<String> ids(List<Task> tasks) {
		return tasks.stream().map(Task::id).sorted().toList();
	}

	private static String random(Random random, int length, String alphabet) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	@SingleTableEntity
	record Weird(@Id String id, @JsonProperty("status") String status, @JsonProperty("a#b") String hash,
			@JsonProperty("x:y") String colon, @JsonProperty("a.b") String dot, @JsonProperty("with space") String space,
			@JsonProperty("ünï 名") String unicode, @JsonProperty("name") String name) {
	}

}
