package dev.singletable.core.convert;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.UnmappedAttributes;

/**
 * Which stored names of a type with an {@link UnmappedAttributes} property belong to the type (its properties)
 * or to the item layout, and so are never collected as unmapped nor copied back from the collected entries: the
 * layout's keys and index attributes are written afresh on every write, never restored stale.
 *
 * @param mapped the stored names of the type's properties
 * @param layout the top-level attributes the layout writes: keys, type index, {@code data}, the version and
 * token, the type's own index and TTL attributes
 * @param compressedLayout {@code layout} plus the system fields, which compressed items hold in {@code data} and
 * the layout may copy to the top level
 */
record UnmappedLayout(Set<String> mapped, Set<String> layout, Set<String> compressedLayout) {

	static UnmappedLayout of(SingleTablePersistentEntity<?> entity, Collection<String> storedNames) {
		Set<String> layout = new HashSet<>(Set.of(ItemAttributes.PK, ItemAttributes.SK, ItemAttributes.GSI_TYPE,
				ItemAttributes.GSI_TYPE_SK, ItemAttributes.DATA, ItemAttributes.VERSION_TOKEN,
				ItemAttributes.RESTORED_FROM_VERSION));
		if (entity.isVersioned() || entity.getVersionProperty() != null) {
			layout.add(ItemAttributes.VERSION);
		}
		if (entity.getTtlProperty() != null) {
			layout.add(entity.getTtlAttribute());
		}
		for (IndexDefinition index : entity.getIndexDefinitions()) {
			layout.add(index.partitionAttribute());
			if (index.sortWritten() && index.sortAttribute() != null) {
				layout.add(index.sortAttribute());
			}
		}
		Set<String> compressedLayout = new HashSet<>(layout);
		compressedLayout.addAll(Set.of(ItemAttributes.VERSION, ItemAttributes.RESOURCE_ID, ItemAttributes.CREATED_AT,
				ItemAttributes.UPDATED_AT));
		return new UnmappedLayout(Set.copyOf(storedNames), Set.copyOf(layout), Set.copyOf(compressedLayout));
	}

	/**
	 * Whether a kept attribute belongs on the latest copy ({@code v0}) of a versioned resource only, as the Python
	 * library writes it: its filter {@code metadata} and the index attributes ({@code gsi…pk}/{@code gsi…sk}) that
	 * keep history items out of every index.
	 * @param name the attribute name
	 * @return {@literal true} to leave it out of history items
	 */
	static boolean isLatestOnly(String name) {
		return ItemAttributes.METADATA.equals(name)
				|| (name.startsWith("gsi") && (name.endsWith("pk") || name.endsWith("sk")));
	}

}
