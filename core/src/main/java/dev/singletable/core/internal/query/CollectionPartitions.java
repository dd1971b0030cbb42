package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The rule of an item collection: its types share a partition of one index, so each declares that index's key with
 * the same partition template, up to the names of the properties it renders ({@code customer#{id}} on the customer
 * and {@code customer#{customerId}} on its orders render the same partitions: their shape is {@code customer#{}}).
 * No I/O.
 */
public final class CollectionPartitions {

	/** A property placeholder, its format kept: {@code {name}} or {@code {name:05d}}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}:]*(:[^}]*)?}");

	private CollectionPartitions() {
	}

	/**
	 * Checks that the types share the index's partition template.
	 * @param index the index
	 * @param entities the collection's types
	 * @throws InvalidDataAccessApiUsageException naming each type's template (or its missing or computed key) when
	 * they do not
	 */
	public static void requireShared(String index, List<? extends SingleTablePersistentEntity<?>> entities) {
		if (entities.size() < 2) {
			throw new InvalidDataAccessApiUsageException("An item collection on index '" + index + "' needs at least "
					+ "two entity types, but was given " + names(entities));
		}
		String normalized = IndexDefinition.normalize(index);
		if (normalized.equals(IndexDefinition.normalize("gsitype"))) {
			throw new InvalidDataAccessApiUsageException("An item collection cannot read the type index: each type has "
					+ "its own partition of it; declare an index key shared by " + names(entities) + " (such as "
					+ "@IndexKey(index = \"gsi1\", partition = \"customer#{customerId}\"))");
		}
		Map<String, String> templates = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			String name = entity.getType().getSimpleName();
			String template = partitionTemplate(entity, normalized);
			IndexDefinition definition = entity.getIndexDefinition(index);
			if (template == null && definition == null) {
				problems.add(name + " declares no key of index '" + index + "'");
			}
			else if (template == null) {
				problems.add(name + " computes its key of index '" + index + "' (@ComputedIndexKey), which cannot be "
						+ "compared: declare it with @IndexKey(index = \"" + index + "\", partition = \"...\")");
			}
			else {
				templates.put(name, template);
			}
		}
		long shapes = templates.values().stream().map(CollectionPartitions::shape).distinct().count();
		if (shapes > 1) {
			problems.add("their partition templates differ: " + templates.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " '" + entry.getValue() + "'")
				.collect(Collectors.joining(", ")));
		}
		if (!problems.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("The types " + names(entities) + " are no item collection "
					+ "on index '" + index + "': " + String.join("; ", problems) + ". The types of a collection "
					+ "declare the index with one partition template, such as partition = \"customer#{customerId}\"");
		}
	}

	/**
	 * Checks that the entity types share the index's partition template (see
	 * {@link #requireShared(String, List)}), reading their entities with the converter.
	 */
	public static void requireShared(String index, SingleTableConverter converter, Class<?>... types) {
		requireShared(index, Arrays.stream(types).map(converter::getRequiredEntity).toList());
	}

	/**
	 * Returns a partition template's shape: its literal text, each placeholder reduced to its format.
	 */
	static String shape(String template) {
		return PLACEHOLDER.matcher(template).replaceAll((match) -> "{" + ((match.group(1) != null) ? match.group(1) : "")
				+ "}");
	}

	private static @Nullable String partitionTemplate(SingleTablePersistentEntity<?> entity, String normalizedIndex) {
		for (IndexKey key : AnnotatedElementUtils.findMergedRepeatableAnnotations(entity.getType(), IndexKey.class)) {
			if (IndexDefinition.normalize(key.index()).equals(normalizedIndex)) {
				return key.partition();
			}
		}
		return null;
	}

	private static String names(List<? extends SingleTablePersistentEntity<?>> entities) {
		return entities.stream().map((entity) -> entity.getType().getSimpleName()).collect(Collectors.joining(", "));
	}

}
