package dev.singletable.core.internal.write.unit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.singletable.core.audit.AuditDiff;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.internal.format.AttributeValues;
import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The states an audit row shows (its diff's two sides, its snapshot): a stored item read as a JSON object by stored
 * name. Apart from {@link AuditRecords}, which only sees them as {@link JsonNode}s, so that making a template loads
 * no JSON node class; they are loaded at the first audited change.
 */
final class AuditStates {

	private AuditStates() {
	}

	/**
	 * The stored state of an item as JSON by stored name: the JSON compressed in {@code data}, or the attributes
	 * less those of the layout (keys, index attributes, TTL, {@code metadata}); less the excluded fields.
	 */
	static JsonNode read(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata,
			Map<String, AttributeValue> item, Set<String> excluded, Set<String> included) {
		AttributeValue data = item.get(ItemAttributes.DATA);
		ObjectNode state;
		if (metadata.isCompressed() && data != null && data.b() != null) {
			state = (ObjectNode) converter.readData(data.b().asByteArrayUnsafe());
		}
		else {
			Set<String> layout = new HashSet<>(ItemAttributes.LAYOUT);
			layout.add(ItemAttributes.METADATA);
			layout.add(metadata.getTtlAttribute());
			for (IndexDefinition index : metadata.getIndexDefinitions()) {
				layout.add(index.partitionAttribute());
				layout.add(index.sortAttribute());
			}
			state = converter.getJsonMapper().createObjectNode();
			for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
				if (!layout.contains(attribute.getKey())) {
					state.set(attribute.getKey(), AttributeValues.toJsonTree(attribute.getValue(), converter.getJsonMapper()));
				}
			}
		}
		addBlobReferences(converter, metadata, item, state);
		state.remove(excluded);
		if (!included.isEmpty()) {
			state.retain(union(included, AuditDiff.SYSTEM_FIELDS));
		}
		return state;
	}

	/**
	 * Puts in place of each {@code @BlobField} property the item refers to an object for the reference the Python
	 * library records ({@code __blob_ref__}, the object's version for a versioned type, compression, content type):
	 * so a new object of a versioned type, or a blob set or cleared, is a change.
	 */
	private static void addBlobReferences(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata,
			Map<String, AttributeValue> item, ObjectNode state) {
		Map<String, Long> versions = BlobAttributes.readVersions(item);
		List<String> fields = BlobAttributes.readFields(item);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			String field = converter.getStoredName(property);
			if (!fields.contains(field) && !versions.containsKey(field)) {
				continue;
			}
			BlobSpec spec = BlobSpec.of(property.getBlobField());
			ObjectNode reference = state.putObject(field);
			reference.put("__blob_ref__", true);
			if (metadata.isVersioned()) {
				reference.put("version", versions.getOrDefault(field, Stamps.storedVersion(item)));
			}
			reference.put("compressed", spec.compress());
			reference.put("content_type", spec.contentType());
		}
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

}
