package dev.singletable.internal.format;

import java.util.Set;

/**
 * Names of the attributes that make up the single-table item layout, shared with the Python library
 * {@code simplesingletable} so that both can read and write one table.
 */
public final class ItemAttributes {

	/** Table partition key: {@code <Prefix>#<id>}. */
	public static final String PK = "pk";

	/** Table sort key: equal to {@link #PK} for plain items, {@code v0}/{@code vN} for versioned ones. */
	public static final String SK = "sk";

	/** Version number (N) on versioned items. */
	public static final String VERSION = "version";

	/** Gzip-compressed JSON of the entity (B) on compressed items. */
	public static final String DATA = "data";

	/** Type index partition key: the type prefix (see {@code TypeIndex}). */
	public static final String GSI_TYPE = "gsitype";

	/** Type index sort key: {@code updated_at} by default (see {@code TypeIndex}). */
	public static final String GSI_TYPE_SK = "gsitypesk";

	/** Partition key of index {@code gsi1} (sorted by {@link #PK}). */
	public static final String GSI1_PK = "gsi1pk";

	/** Partition key of index {@code gsi2} (sorted by {@link #PK}). */
	public static final String GSI2_PK = "gsi2pk";

	/** Partition key of index {@code gsi3}. */
	public static final String GSI3_PK = "gsi3pk";

	/** Sort key of index {@code gsi3}. */
	public static final String GSI3_SK = "gsi3sk";

	/** Stored name of the identifier. */
	public static final String RESOURCE_ID = "resource_id";

	/** Stored name of the creation timestamp. */
	public static final String CREATED_AT = "created_at";

	/** Stored name of the last modification timestamp. */
	public static final String UPDATED_AT = "updated_at";

	/** Filter metadata written on versioned {@code v0} items by the Python library. */
	public static final String METADATA = "metadata";

	/**
	 * A token unique to each write of a plain item, which the Python library round-trips and strips on read.
	 */
	public static final String VERSION_TOKEN = "_version_token";

	/**
	 * On the latest item of a compressed type written by {@code restoreVersion}: the version restored, so that the
	 * table's stream tells a restore from an update. A top-level attribute beside {@code data}, which the Python
	 * library never reads for a compressed type; the next write of the item leaves it out.
	 */
	public static final String RESTORED_FROM_VERSION = "restored_from_version";

	/**
	 * The key prefix of singleton types: their one item's partition key is {@code SINGLETON#<prefix>}, as the
	 * Python library stores {@code SingletonResource}s.
	 */
	public static final String SINGLETON_PREFIX = "SINGLETON";

	/**
	 * The partition and sort key of the per-type counts row, {@code simplesingletable}'s {@code MemoryStats}
	 * ({@code counts_by_type}: a map of type name to count).
	 */
	public static final String TYPE_COUNTS_KEY = "_INTERNAL#MemoryStats";

	/** Name of the type index. */
	public static final String TYPE_INDEX = "gsitype";

	/** Attributes that describe the item rather than the entity and are never mapped to entity fields. */
	public static final Set<String> LAYOUT = Set.of(PK, SK, GSI_TYPE, GSI_TYPE_SK, GSI1_PK, GSI2_PK, GSI3_PK,
			GSI3_SK, "_blob_fields", "_blob_versions", "_blob_digests", VERSION_TOKEN);

	private ItemAttributes() {
	}

}
