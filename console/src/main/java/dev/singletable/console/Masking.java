package dev.singletable.console;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * Which values the console hides: the properties named in {@code singletable.console.masked-properties} (of every
 * type, or {@code Type.property} of one) and those annotated with {@link ConsoleMasked}, by Java and by stored name,
 * wherever they occur in a JSON tree.
 */
final class Masking {

	static final String MASK = "••••";

	private final Set<String> everywhere = new HashSet<>();

	private final Map<String, Set<String>> byType = new HashMap<>();

	private final SingleTableConverter converter;

	private final Map<Class<?>, Set<String>> resolved = new ConcurrentHashMap<>();

	Masking(Collection<String> names, SingleTableConverter converter) {
		this.converter = converter;
		for (String name : names) {
			String trimmed = name.strip();
			int dot = trimmed.lastIndexOf('.');
			if (dot > 0) {
				this.byType.computeIfAbsent(trimmed.substring(0, dot), (key) -> new HashSet<>())
					.add(trimmed.substring(dot + 1));
			}
			else if (!trimmed.isEmpty()) {
				this.everywhere.add(trimmed);
			}
		}
	}

	/**
	 * The names masked in items of one entity type.
	 * @param entity the entity
	 * @return Java and stored names
	 */
	Set<String> names(SingleTablePersistentEntity<?> entity) {
		return this.resolved.computeIfAbsent(entity.getType(), (type) -> {
			Set<String> names = new HashSet<>(this.everywhere);
			for (String key : List.of(entity.getPrefix(), type.getSimpleName(), type.getName(),
					entity.getRootType().getSimpleName())) {
				names.addAll(this.byType.getOrDefault(key, Set.of()));
			}
			for (SingleTablePersistentProperty property : entity) {
				if (property.isAnnotationPresent(ConsoleMasked.class) || names.contains(property.getName())) {
					names.add(property.getName());
					names.add(this.converter.getStoredName(property));
				}
			}
			return Set.copyOf(names);
		});
	}

	boolean isMasked(SingleTablePersistentEntity<?> entity, String name) {
		return names(entity).contains(name);
	}

	/**
	 * Returns a copy of a JSON tree with the values of masked fields replaced, at any depth.
	 * @param entity the entity whose item the tree is
	 * @param node the tree
	 * @return the masked copy
	 */
	JsonNode mask(SingleTablePersistentEntity<?> entity, JsonNode node) {
		Set<String> names = names(entity);
		JsonNode copy = node.deepCopy();
		if (!names.isEmpty()) {
			maskInPlace(copy, names);
		}
		return copy;
	}

	private static void maskInPlace(JsonNode node, Set<String> names) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				if (names.contains(name)) {
					object.set(name, StringNode.valueOf(MASK));
				}
				else {
					maskInPlace(object.get(name), names);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach((element) -> maskInPlace(element, names));
		}
	}

}
