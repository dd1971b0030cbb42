package dev.singletable.core.mapping;

import java.lang.reflect.Method;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import dev.singletable.internal.format.ItemAttributes;

/**
 * How an entity type writes the keys of one secondary index: the index and attribute names and either
 * templates over properties or a computed method.
 *
 * @param index the index name
 * @param partitionAttribute the attribute holding the partition key
 * @param sortAttribute the attribute the index sorts on, or {@literal null} when it has no sort key
 * @param sortWritten whether the entity writes the sort attribute ({@literal false} when the index sorts on the
 * table's {@code pk})
 * @param partition the partition key template, or {@literal null} when computed
 * @param sort the sort key template, or {@literal null} when computed, absent or implicit
 * @param method the {@link ComputedIndexKey} method, or {@literal null} for templates
 * @param allowMissingSort whether an item whose partition renders without its sort key is left out of the index
 * instead of refused ({@link IndexKey#allowMissingSort()})
 */
public record IndexDefinition(String index, String partitionAttribute, @Nullable String sortAttribute,
		boolean sortWritten, @Nullable KeyTemplate partition, @Nullable KeyTemplate sort, @Nullable Method method,
		boolean allowMissingSort) {

	/**
	 * Creates a definition that refuses an item whose partition renders without its sort key.
	 * @param index the index name
	 * @param partitionAttribute the attribute holding the partition key
	 * @param sortAttribute the attribute the index sorts on, or {@literal null}
	 * @param sortWritten whether the entity writes the sort attribute
	 * @param partition the partition key template, or {@literal null} when computed
	 * @param sort the sort key template, or {@literal null}
	 * @param method the {@link ComputedIndexKey} method, or {@literal null} for templates
	 */
	public IndexDefinition(String index, String partitionAttribute, @Nullable String sortAttribute, boolean sortWritten,
			@Nullable KeyTemplate partition, @Nullable KeyTemplate sort, @Nullable Method method) {
		this(index, partitionAttribute, sortAttribute, sortWritten, partition, sort, method, false);
	}

	/**
	 * Whether an item whose partition key renders without its sort key must be refused rather than left out of the
	 * index: a partition template with properties, a sort template, and no {@link #allowMissingSort()}.
	 * @return {@literal true} to refuse such an item
	 */
	public boolean refusesMissingSort() {
		return !this.allowMissingSort && this.sortWritten && this.sort != null && this.partition != null
				&& this.partition.hasProperties();
	}

	/**
	 * Whether this definition is for the type index ({@code gsitype}).
	 * @return {@literal true} for the type index
	 */
	public boolean isTypeIndex() {
		return ItemAttributes.TYPE_INDEX.equals(this.index);
	}

	/**
	 * Returns the partition key attribute of an index by the naming convention.
	 * @param index the index name
	 * @return the attribute name
	 */
	public static String conventionalPartitionAttribute(String index) {
		return switch (index) {
			case ItemAttributes.TYPE_INDEX -> ItemAttributes.GSI_TYPE;
			default -> normalize(index) + "pk";
		};
	}

	/**
	 * Returns the sort key attribute of an index by the naming convention: {@code pk} for {@code gsi1} and
	 * {@code gsi2}, else the normalized name plus {@code sk}.
	 * @param index the index name
	 * @return the attribute name
	 */
	public static String conventionalSortAttribute(String index) {
		return switch (index) {
			case ItemAttributes.TYPE_INDEX -> ItemAttributes.GSI_TYPE_SK;
			case "gsi1", "gsi2" -> ItemAttributes.PK;
			default -> normalize(index) + "sk";
		};
	}

	/**
	 * Normalizes an index name as {@code simplesingletable} does: lower case without {@code -} and {@code _}.
	 * @param index the index name
	 * @return the normalized name
	 */
	public static String normalize(String index) {
		return index.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

}
