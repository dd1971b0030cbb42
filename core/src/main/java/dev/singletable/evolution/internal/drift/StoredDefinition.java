package dev.singletable.evolution.internal.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The definitions that shape a type's stored items, as recorded in the table (one item a type:
 * {@code pk = _INTERNAL#Definitions}, {@code sk = <prefix>}, without {@code gsitype} or index attributes, so type
 * listings, index queries and the Python library never see it).
 *
 * @param prefix the type prefix
 * @param javaType the Java type's name
 * @param versioned whether the type keeps versions
 * @param typePartition the type index partition every item carries (the prefix by default), or {@literal null}
 * when rendered from properties or computed
 * @param indexes the indexes the type writes, the type index among them
 * @param compressed whether items are gzip JSON in {@code data}
 * @param compressionLevel the gzip level (information: any level reads back)
 * @param maxVersions the versions kept (information)
 * @param ttlAttribute the TTL attribute, or {@literal null} without TTL
 * @param blobs the stored names of the {@code @BlobField} properties
 * @param filterMetadata the stored names of the {@code @FilterMetadata} properties
 * @param fields the stored names of the type's properties (information)
 */
public record StoredDefinition(String prefix, String javaType, boolean versioned, @Nullable String typePartition,
		Map<String, IndexShape> indexes, boolean compressed, int compressionLevel, int maxVersions,
		@Nullable String ttlAttribute, List<String> blobs, List<String> filterMetadata, List<String> fields) {

	/** The partition key of every record. */
	static final String PARTITION = "_INTERNAL#Definitions";

	public StoredDefinition {
		indexes = Map.copyOf(indexes);
		blobs = List.copyOf(blobs);
		filterMetadata = List.copyOf(filterMetadata);
		fields = List.copyOf(fields);
	}

	/**
	 * The current definitions of a type.
	 */
	static StoredDefinition of(SingleTablePersistentEntity<?> entity, SingleTableConverter converter) {
		// the root of a hierarchy stands for every concrete type: what any of them writes is the hierarchy's
		List<SingleTablePersistentEntity<?>> writers = new ArrayList<>();
		writers.add(entity);
		if (entity.getType() == entity.getRootType()) {
			entity.getSubtypes().values().forEach((subtype) -> writers.add(converter.getRequiredEntity(subtype)));
		}
		java.util.Set<String> fields = new java.util.TreeSet<>();
		java.util.Set<String> blobs = new java.util.TreeSet<>();
		java.util.Set<String> filterMetadata = new java.util.TreeSet<>();
		Map<String, IndexShape> indexes = new java.util.LinkedHashMap<>();
		for (SingleTablePersistentEntity<?> writer : writers) {
			for (SingleTablePersistentProperty property : writer) {
				if (!property.isUnmappedAttributesProperty()) {   // holds other attributes, none of its own
					fields.add(converter.getStoredName(property));
				}
			}
			blobs.addAll(storedNames(converter, writer.getBlobProperties()));
			filterMetadata.addAll(storedNames(converter, writer.getFilterMetadataProperties()));
			IndexShape.of(writer, converter).forEach(indexes::putIfAbsent);
		}
		return new StoredDefinition(entity.getPrefix(), entity.getType().getName(), entity.isVersioned(),
				TypeIndex.constantPartition(entity), indexes, entity.isCompressed(),
				entity.getCompressionLevel(), entity.getMaxVersions(),
				(entity.getTtlProperty() != null) ? entity.getTtlAttribute() : null, List.copyOf(blobs),
				List.copyOf(filterMetadata), List.copyOf(fields));
	}

	private static List<String> storedNames(SingleTableConverter converter,
			List<SingleTablePersistentProperty> properties) {
		return properties.stream().map(converter::getStoredName).sorted().toList();
	}

	/** The record's key. */
	static Map<String, AttributeValue> key(String prefix) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(PARTITION), ItemAttributes.SK,
				AttributeValue.fromS(prefix));
	}

	/**
	 * The recorded attributes, by what a backfill brings up to date.
	 */
	Map<String, AttributeValue> attributes(Aspect aspect) {
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		switch (aspect) {
			case PREFIX -> {
				// the record's key
			}
			case TYPE -> {
				values.put("java_type", AttributeValue.fromS(this.javaType));
				values.put("versioned", AttributeValue.fromBool(this.versioned));
			}
			case INDEXES -> {
				Map<String, AttributeValue> indexes = new LinkedHashMap<>();
				this.indexes.forEach((name, shape) -> indexes.put(name, shape.toAttribute()));
				values.put("indexes", AttributeValue.fromM(indexes));
				values.put("type_partition", textOrNull(this.typePartition));
			}
			case COMPRESSION -> values.put("compressed", AttributeValue.fromBool(this.compressed));
			case TTL -> values.put("ttl_attribute", textOrNull(this.ttlAttribute));
			case BLOBS -> values.put("blob_fields", list(this.blobs));
			case FILTER_METADATA -> values.put("filter_metadata", list(this.filterMetadata));
			case FIELDS -> values.put("fields", list(this.fields));
			case INFORMATION -> {
				values.put("compression_level", AttributeValue.fromN(Integer.toString(this.compressionLevel)));
				values.put("max_versions", AttributeValue.fromN(Integer.toString(this.maxVersions)));
				values.put("recorded_at", AttributeValue.fromS(Instant.now().toString()));
			}
		}
		return values;
	}

	/**
	 * Reads a record; attributes it lacks (an older record) read as the current definitions' values, so they
	 * count as unchanged.
	 */
	static StoredDefinition fromItem(Map<String, AttributeValue> item, StoredDefinition fallback) {
		Map<String, IndexShape> indexes = new LinkedHashMap<>();
		AttributeValue recorded = item.get("indexes");
		if (recorded != null && recorded.m() != null) {
			recorded.m().forEach((name, shape) -> indexes.put(name, IndexShape.fromAttribute(shape)));
		}
		return new StoredDefinition(item.get(ItemAttributes.SK).s(), text(item, "java_type", fallback.javaType),
				bool(item, "versioned", fallback.versioned), text(item, "type_partition", fallback.typePartition),
				(recorded != null) ? indexes : fallback.indexes, bool(item, "compressed", fallback.compressed),
				number(item, "compression_level", fallback.compressionLevel),
				number(item, "max_versions", fallback.maxVersions),
				text(item, "ttl_attribute", fallback.ttlAttribute), strings(item, "blob_fields", fallback.blobs),
				strings(item, "filter_metadata", fallback.filterMetadata), strings(item, "fields", fallback.fields));
	}

	/** The Java type a record names, without reading the rest. */
	static @Nullable String javaTypeOf(Map<String, AttributeValue> item) {
		AttributeValue value = item.get("java_type");
		return (value != null) ? value.s() : null;
	}

	/** This definition under another prefix (a type moved). */
	StoredDefinition withPrefix(String prefix) {
		return new StoredDefinition(prefix, this.javaType, this.versioned, this.typePartition, this.indexes,
				this.compressed, this.compressionLevel, this.maxVersions, this.ttlAttribute, this.blobs,
				this.filterMetadata, this.fields);
	}

	private static AttributeValue textOrNull(@Nullable String value) {
		return (value != null) ? AttributeValue.fromS(value) : AttributeValue.fromNul(true);
	}

	private static AttributeValue list(List<String> values) {
		return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
	}

	private static @Nullable String text(Map<String, AttributeValue> item, String name, @Nullable String fallback) {
		AttributeValue value = item.get(name);
		if (value == null) {
			return fallback;
		}
		return Boolean.TRUE.equals(value.nul()) ? null : value.s();
	}

	private static boolean bool(Map<String, AttributeValue> item, String name, boolean fallback) {
		AttributeValue value = item.get(name);
		return (value != null && value.bool() != null) ? value.bool() : fallback;
	}

	private static int number(Map<String, AttributeValue> item, String name, int fallback) {
		AttributeValue value = item.get(name);
		return (value != null && value.n() != null) ? Integer.parseInt(value.n()) : fallback;
	}

	private static List<String> strings(Map<String, AttributeValue> item, String name, List<String> fallback) {
		AttributeValue value = item.get(name);
		return (value != null && value.hasL()) ? value.l().stream().map(AttributeValue::s).sorted().toList()
				: fallback;
	}

	/**
	 * The parts of a record, each written on its own: a backfill records only what it brought up to date.
	 */
	public enum Aspect {

		/** The prefix: the record's key. */
		PREFIX,

		/** Java type and whether versioned. */
		TYPE,

		/** Every index's keys, and the type index partition. */
		INDEXES,

		/** Compressed or not. */
		COMPRESSION,

		/** The TTL attribute. */
		TTL,

		/** The blob properties. */
		BLOBS,

		/** The filter metadata properties. */
		FILTER_METADATA,

		/** The stored field names. */
		FIELDS,

		/** What is recorded for information only: compression level, versions kept, when recorded. */
		INFORMATION

	}

}
