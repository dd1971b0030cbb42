package dev.singletable.core.internal.write.item;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.mapping.PropertyHandler;

import dev.singletable.core.AttributeDropRefusedException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * The rule of what a Java update must not silently drop of the Python library's layout, in one place: an update
 * rewrites the whole item from the entity, so a type without {@code @BlobField} properties would drop
 * {@code _blob_fields}/{@code _blob_versions}, and one without {@code @FilterMetadata} properties the
 * {@code metadata} map (unless an {@code @UnmappedAttributes} property keeps what the type does not map, or a
 * property of the type is stored under that name). Each update's optimistic condition gets
 * {@code attribute_not_exists} on those attributes — no extra request — and {@link ConditionFailures} turns its
 * failure into an {@link AttributeDropRefusedException}. Allowed with
 * {@link dev.singletable.core.SingleTableTemplate#setAllowDroppingBlobsAndMetadata}.
 */
public final class DroppedAttributes {

	/** The layout attributes an update must not drop unless the type writes them. */
	private static final List<String> LAYOUT = List.of(BlobAttributes.FIELDS, BlobAttributes.VERSIONS,
			ItemAttributes.METADATA);

	private final SingleTableConverter converter;

	private final Map<Class<?>, List<String>> byType = new ConcurrentHashMap<>();

	private final boolean allowed;

	public DroppedAttributes(SingleTableConverter converter, boolean allowed) {
		this.converter = converter;
		this.allowed = allowed;
	}

	/**
	 * Returns the rule of a template that allows dropping them or not (its {@code OperationSettings.allowDrop}).
	 */
	public DroppedAttributes withAllowed(boolean allowDrop) {
		return (allowDrop == this.allowed) ? this : new DroppedAttributes(this.converter, allowDrop);
	}

	/**
	 * Returns the layout attributes an update of the type would drop, and so must find absent: none when dropping
	 * is allowed.
	 */
	public List<String> guarded(SingleTablePersistentEntity<?> metadata) {
		if (this.allowed) {
			return List.of();
		}
		return this.byType.computeIfAbsent(metadata.getType(), (type) -> dropped(metadata));
	}

	private List<String> dropped(SingleTablePersistentEntity<?> metadata) {
		if (metadata.getUnmappedAttributesProperty() != null) {
			return List.of();
		}
		Set<String> mapped = new HashSet<>();
		metadata.doWithProperties(
				(PropertyHandler<SingleTablePersistentProperty>) (property) -> mapped.add(this.converter.getStoredName(property)));
		List<String> dropped = new ArrayList<>(LAYOUT.size());
		for (String attribute : LAYOUT) {
			boolean written = ItemAttributes.METADATA.equals(attribute) ? !metadata.getFilterMetadataProperties().isEmpty()
					: !metadata.getBlobProperties().isEmpty();
			if (!written && !mapped.contains(attribute)) {
				dropped.add(attribute);
			}
		}
		return List.copyOf(dropped);
	}

	/**
	 * Returns the condition that none of the guarded attributes exists ({@code ""} for none), registering their
	 * names.
	 */
	static String condition(List<String> guarded, Map<String, String> names) {
		List<String> parts = new ArrayList<>(guarded.size());
		for (int i = 0; i < guarded.size(); i++) {
			names.put("#keep" + i, guarded.get(i));
			parts.add("attribute_not_exists(#keep" + i + ")");
		}
		return String.join(" AND ", parts);
	}

	/**
	 * Appends the guard to an update's condition.
	 */
	public static String guard(String condition, List<String> guarded, Map<String, String> names) {
		return guarded.isEmpty() ? condition : "(" + condition + ") AND " + condition(guarded, names);
	}

}
