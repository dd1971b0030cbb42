package dev.singletable.evolution.internal.drift;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What decides the stored attributes of one index of a type: its key attributes and either its templates (with
 * properties named by their stored names, so renaming a Java property whose stored name stays is no change) or the
 * fingerprint of its computed key. The computed key method's name is kept for information only.
 *
 * @param partitionAttribute the attribute holding the partition key
 * @param sortAttribute the attribute holding the sort key, or {@literal null} when the entity writes none
 * @param partition the partition template, or {@literal null} when computed
 * @param sort the sort template ({@value #MODIFICATION_TIME} for the type index's default), or {@literal null}
 * @param computed the fingerprint of the computed key's logic, or {@literal null} for templates
 * @param method the computed key method's name, or {@literal null}
 */
record IndexShape(String partitionAttribute, @Nullable String sortAttribute, @Nullable String partition,
		@Nullable String sort, @Nullable String computed, @Nullable String method) {

	/** The type index's default sort key: the modification time. */
	static final String MODIFICATION_TIME = "(updated_at)";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*([^}:]+?)\\s*(:[^}]*)?}");

	/**
	 * The indexes a type writes, the type index among them (its default when it declares none).
	 */
	static Map<String, IndexShape> of(SingleTablePersistentEntity<?> entity, SingleTableConverter converter) {
		Map<String, IndexShape> shapes = new LinkedHashMap<>();
		if (entity.getIndexDefinition(TypeIndex.NAME) == null) {
			shapes.put(TypeIndex.NAME, new IndexShape(TypeIndex.PARTITION_ATTRIBUTE, TypeIndex.SORT_ATTRIBUTE,
					entity.getPrefix(), MODIFICATION_TIME, null, null));
		}
		for (IndexDefinition definition : entity.getIndexDefinitions()) {
			shapes.put(definition.index(), of(entity, converter, definition));
		}
		return shapes;
	}

	private static IndexShape of(SingleTablePersistentEntity<?> entity, SingleTableConverter converter,
			IndexDefinition definition) {
		String sortAttribute = definition.sortWritten() ? definition.sortAttribute() : null;
		if (definition.method() != null) {
			return new IndexShape(definition.partitionAttribute(), sortAttribute, null, null,
					MethodFingerprint.of(definition.method()), definition.method().getName());
		}
		String sort = canonical(entity, converter, definition.sort());
		if (definition.isTypeIndex() && TypeIndex.sortsByModification(entity)) {
			sort = MODIFICATION_TIME;
		}
		return new IndexShape(definition.partitionAttribute(), sortAttribute,
				canonical(entity, converter, definition.partition()), sort, null, null);
	}

	/** A template with each placeholder naming the property's stored name. */
	private static @Nullable String canonical(SingleTablePersistentEntity<?> entity, SingleTableConverter converter,
			@Nullable KeyTemplate template) {
		if (template == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(template.toString());
		StringBuilder canonical = new StringBuilder();
		while (matcher.find()) {
			SingleTablePersistentProperty property = entity.getPersistentProperty(matcher.group(1));
			String name = (property != null) ? converter.getStoredName(property) : matcher.group(1);
			String form = (matcher.group(2) != null) ? matcher.group(2) : "";
			matcher.appendReplacement(canonical, Matcher.quoteReplacement("{" + name + form + "}"));
		}
		matcher.appendTail(canonical);
		return canonical.toString();
	}

	/**
	 * Whether the index's stored attributes are written the same way: everything but the method's name.
	 */
	boolean writesLike(IndexShape other) {
		return this.partitionAttribute.equals(other.partitionAttribute)
				&& Objects.equals(this.sortAttribute, other.sortAttribute)
				&& Objects.equals(this.partition, other.partition) && Objects.equals(this.sort, other.sort)
				&& Objects.equals(this.computed, other.computed);
	}

	/** What changed from a recorded shape to this one, in words. */
	String describeChangeFrom(IndexShape recorded) {
		if (this.computed != null || recorded.computed != null) {
			if (this.computed != null && recorded.computed != null) {
				return "the logic of its computed key " + this.method + "() changed (its bytecode differs; when only the "
						+ "compiler changed and the keys are the same, accept it with SingleTableDefinitions.record(type))";
			}
			return (this.computed != null) ? "its key is now computed by " + this.method + "() instead of "
					+ recorded.describeKeys() : "its key is now " + describeKeys() + " instead of computed by "
							+ recorded.method + "()";
		}
		return "its key changed from " + recorded.describeKeys() + " to " + describeKeys();
	}

	/** The keys in words: {@code gsi2pk = owner#{owner}, gsi2sk = {created}}. */
	String describeKeys() {
		if (this.computed != null) {
			return "computed by " + this.method + "()";
		}
		StringBuilder keys = new StringBuilder(this.partitionAttribute).append(" = '").append(this.partition)
			.append('\'');
		if (this.sortAttribute != null) {
			keys.append(", ").append(this.sortAttribute).append(" = '").append(this.sort).append('\'');
		}
		return keys.toString();
	}

	AttributeValue toAttribute() {
		Map<String, AttributeValue> map = new LinkedHashMap<>();
		map.put("partition_attribute", AttributeValue.fromS(this.partitionAttribute));
		putIfSet(map, "sort_attribute", this.sortAttribute);
		putIfSet(map, "partition", this.partition);
		putIfSet(map, "sort", this.sort);
		putIfSet(map, "computed", this.computed);
		putIfSet(map, "method", this.method);
		return AttributeValue.fromM(map);
	}

	static IndexShape fromAttribute(AttributeValue value) {
		Map<String, AttributeValue> map = value.m();
		return new IndexShape(map.get("partition_attribute").s(), text(map, "sort_attribute"), text(map, "partition"),
				text(map, "sort"), text(map, "computed"), text(map, "method"));
	}

	private static void putIfSet(Map<String, AttributeValue> map, String name, @Nullable String value) {
		if (value != null) {
			map.put(name, AttributeValue.fromS(value));
		}
	}

	private static @Nullable String text(Map<String, AttributeValue> map, String name) {
		AttributeValue value = map.get(name);
		return (value != null) ? value.s() : null;
	}

}
