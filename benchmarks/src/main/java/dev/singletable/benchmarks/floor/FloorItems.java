package dev.singletable.benchmarks.floor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.singletable.benchmarks.model.Comment;
import dev.singletable.benchmarks.model.Event;
import dev.singletable.benchmarks.model.Link;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Section;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hand-written mapping of uncompressed items, field by field, with no reflection: the fastest a data access
 * layer can turn an object into attributes and back.
 */
public final class FloorItems {

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

	private static AttributeValue strings(List<String> values) {
		List<AttributeValue> list = new ArrayList<>(values.size());
		for (String value : values) {
			list.add(AttributeValue.fromS(value));
		}
		return AttributeValue.fromL(list);
	}

}
