package dev.singletable.benchmarks.floor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.singletable.benchmarks.model.Comment;
import dev.singletable.benchmarks.model.Event;
import dev.singletable.benchmarks.model.Link;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Section;
import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hand-written mapping of uncompressed items, field by field, with no reflection: the fastest a data access
 * layer can turn an object into attributes and back. Also the floor's items in singletable's layout: the latest
 * copy and versions of a versioned article, the item of a plain one, an audit row.
 */
public final class FloorItems {

	private static final String PLAIN_TYPE = "PlainArticle";

	private static final String AUDIT_PREFIX = "_INTERNAL#AuditLog";

	private FloorItems() {
	}

	/**
	 * Returns the attributes of a plain article (without its keys and index attributes).
	 * @param article the article; id, version and timestamps set
	 * @return the attributes, named as singletable names them
	 */
	public static Map<String, AttributeValue> body(PlainArticle article) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(24);
		item.put("resource_id", AttributeValue.fromS(article.id()));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		item.put("created_at", AttributeValue.fromS(FloorJson.format(article.createdAt())));
		item.put("updated_at", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		item.put("title", AttributeValue.fromS(article.title()));
		item.put("summary", AttributeValue.fromS(article.summary()));
		item.put("status", AttributeValue.fromS(article.status().name()));
		item.put("author", AttributeValue.fromS(article.author()));
		item.put("tags", strings(article.tags()));
		List<AttributeValue> sections = new ArrayList<>(article.sections().size());
		for (Section section : article.sections()) {
			List<AttributeValue> links = new ArrayList<>(section.links().size());
			for (Link link : section.links()) {
				links.add(AttributeValue.fromM(Map.of("url", AttributeValue.fromS(link.url()), "text",
						AttributeValue.fromS(link.text()))));
			}
			sections.add(AttributeValue.fromM(Map.of("heading", AttributeValue.fromS(section.heading()), "paragraphs",
					strings(section.paragraphs()), "links", AttributeValue.fromL(links))));
		}
		item.put("sections", AttributeValue.fromL(sections));
		List<AttributeValue> comments = new ArrayList<>(article.comments().size());
		for (Comment comment : article.comments()) {
			comments.add(AttributeValue.fromM(Map.of("author", AttributeValue.fromS(comment.author()), "text",
					AttributeValue.fromS(comment.text()), "likes", AttributeValue.fromN(Integer.toString(comment.likes())),
					"postedAt", AttributeValue.fromS(comment.postedAt()))));
		}
		item.put("comments", AttributeValue.fromL(comments));
		Map<String, AttributeValue> metadata = new LinkedHashMap<>();
		article.metadata().forEach((key, value) -> metadata.put(key, AttributeValue.fromS(value)));
		item.put("metadata", AttributeValue.fromM(metadata));
		return item;
	}

	/**
	 * Reads an event from its item.
	 * @param item the item
	 * @return the event
	 */
	public static Event event(Map<String, AttributeValue> item) {
		Map<String, String> attributes = new LinkedHashMap<>();
		item.get("attributes").m().forEach((key, value) -> attributes.put(key, value.s()));
		return new Event(item.get("resource_id").s(), OffsetDateTime.parse(item.get("created_at").s()).toInstant(),
				OffsetDateTime.parse(item.get("updated_at").s()).toInstant(), item.get("source").s(), item.get("kind").s(),
				Long.parseLong(item.get("sequence").n()), attributes);
	}

	/**
	 * The latest copy ({@code v0}) of a versioned article: its compressed data, version and index attributes.
	 * @param type the type's name, the prefix of its key
	 * @param article the article written
	 * @param data its compressed JSON
	 * @return the item
	 */
	public static Map<String, AttributeValue> latestItem(String type, VersionedArticle article, AttributeValue data) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(12);
		item.put("pk", AttributeValue.fromS(type + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("data", data);
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		item.put("gsitype", AttributeValue.fromS(type));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		item.put("gsi1pk", AttributeValue.fromS("status#" + article.status().name()));
		return item;
	}

	/**
	 * A version ({@code v{n}}) of a versioned article: its compressed data and version, in no index.
	 * @param type the type's name, the prefix of its key
	 * @param article the article written
	 * @param data its compressed JSON
	 * @return the item
	 */
	public static Map<String, AttributeValue> historyItem(String type, VersionedArticle article, AttributeValue data) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(8);
		item.put("pk", AttributeValue.fromS(type + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v" + article.version()));
		item.put("data", data);
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		return item;
	}

	/**
	 * The item of a plain article: its attributes field by field, its type index, token and {@code gsi1}.
	 * @param article the article written
	 * @return the item
	 */
	public static Map<String, AttributeValue> plainItem(PlainArticle article) {
		String pk = PLAIN_TYPE + "#" + article.id();
		Map<String, AttributeValue> item = new LinkedHashMap<>(32);
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS(pk));
		item.putAll(FloorItems.body(article));
		item.put("gsitype", AttributeValue.fromS(PLAIN_TYPE));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		item.put("_version_token", AttributeValue.fromS(UlidCreator.getMonotonicUlid().toString()));
		item.put("gsi1pk", AttributeValue.fromS("plain-status#" + article.status().name()));
		return item;
	}

	/**
	 * The audit row of an update: the changed fields of the article (the benchmark's updates change text fields;
	 * the others are compared, as a diff must) with their old and new values, keyed and indexed as singletable's
	 * rows.
	 * @param type the audited type
	 * @param before the article as read
	 * @param after the article written
	 * @return the item
	 */
	public static Map<String, AttributeValue> auditRow(String type, VersionedArticle before, VersionedArticle after) {
		Map<String, AttributeValue> changes = new LinkedHashMap<>();
		change(changes, "title", before.title(), after.title());
		change(changes, "summary", before.summary(), after.summary());
		change(changes, "author", before.author(), after.author());
		change(changes, "status", before.status().name(), after.status().name());
		// a correct audit row needs to know that nothing else changed: the structured fields are compared too
		// (the benchmark's updates never change them, so they are never written here)
		if (!before.tags().equals(after.tags()) || !before.sections().equals(after.sections())
				|| !before.comments().equals(after.comments()) || !before.metadata().equals(after.metadata())) {
			throw new IllegalStateException("The floor's audit row records changed text fields only; article "
					+ after.id() + " changed a structured field");
		}
		Instant now = Instant.now();
		String createdAt = FloorJson.format(now);
		String id = UlidCreator.getMonotonicUlid().toString();
		String key = AUDIT_PREFIX + "#" + id;
		AttributeValue none = AttributeValue.fromNul(true);
		Map<String, AttributeValue> item = new LinkedHashMap<>(20);
		item.put("pk", AttributeValue.fromS(key));
		item.put("sk", AttributeValue.fromS(key));
		item.put("resource_id", AttributeValue.fromS(id));
		item.put("created_at", AttributeValue.fromS(createdAt));
		item.put("updated_at", AttributeValue.fromS(createdAt));
		item.put("audited_resource_type", AttributeValue.fromS(type));
		item.put("audited_resource_id", AttributeValue.fromS(after.id()));
		item.put("operation", AttributeValue.fromS("UPDATE"));
		item.put("changed_by", none);
		item.put("changed_fields", AttributeValue.fromM(changes));
		item.put("resource_snapshot", none);
		item.put("audit_metadata", AttributeValue.fromM(Map.of()));
		item.put("gsitype", AttributeValue.fromS(AUDIT_PREFIX));
		item.put("gsitypesk", AttributeValue.fromS(createdAt));
		item.put("gsi1pk", AttributeValue.fromS(AUDIT_PREFIX + "#" + type + "#" + after.id()));
		item.put("gsi2pk", AttributeValue.fromS(AUDIT_PREFIX + "#" + type));
		return item;
	}

	private static void change(Map<String, AttributeValue> changes, String name, String old, String now) {
		if (!old.equals(now)) {
			changes.put(name, AttributeValue.fromM(Map.of("old", AttributeValue.fromS(old), "new", AttributeValue.fromS(now))));
		}
	}

	private static AttributeValue strings(List<String> values) {
		List<AttributeValue> list = new ArrayList<>(values.size());
		for (String value : values) {
			list.add(AttributeValue.fromS(value));
		}
		return AttributeValue.fromL(list);
	}

}
