package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.data.annotation.Persistent;

/**
 * Marks a class or record as a resource stored in the single table.
 * <p>
 * The identifier is the property annotated with {@link org.springframework.data.annotation.Id @Id} (a
 * {@link String}, a ULID unless set). Versioned types also need a
 * {@link org.springframework.data.annotation.Version @Version} property; properties annotated with
 * {@link org.springframework.data.annotation.CreatedDate @CreatedDate} and
 * {@link org.springframework.data.annotation.LastModifiedDate @LastModifiedDate} ({@link java.time.Instant} or
 * {@link java.time.OffsetDateTime}) receive the timestamps. Whatever their Java names, these four are stored as
 * {@code resource_id}, {@code version}, {@code created_at} and {@code updated_at}.
 * <p>
 * On a sealed interface or abstract class, the annotation stores the whole hierarchy as one entity: each concrete
 * type under this type's prefix and settings, with a {@link #discriminator()} naming it, so that one repository,
 * one history and one optimistic lock span every subtype, and a resource may change subtype between versions. A
 * repository or query of a subtype reads only its items.
 */
@Documented
@Inherited
@Persistent
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SingleTableEntity {

	/**
	 * The most shards a type's {@link #typeIndexShards()} may have: a listing reads the type's own key and every
	 * shard's, at most as many partitions as a {@code partitionIn} query. The same bound holds for every spread
	 * key: {@code singletable.audit.shards} and {@code singletable.events.publication-registry.shards}.
	 */
	int MAX_TYPE_INDEX_SHARDS = 24;

	/**
	 * The type prefix used in the partition key ({@code <prefix>#<id>}) and the type index. Defaults to the
	 * simple class name, as in {@code simplesingletable}.
	 * <p>
	 * Each type needs a prefix of its own: a type whose prefix another type of the application already has
	 * (for example {@code alpha.Item} and {@code beta.Item}, which both default to {@code Item}) is refused with
	 * an {@link InvalidEntityDefinitionException}, and so is a prefix that starts with another one followed by
	 * {@code #} ({@code Item} and {@code Item#Archive}: the key {@code Item#Archive#42} would belong to both), and
	 * the prefixes {@code _INTERNAL} and {@code SINGLETON}, which the Python library uses for its own items.
	 * Ids may contain {@code #}: an item is recognized by its registered prefix, never by splitting its key.
	 * @return the prefix, or empty for the simple class name
	 */
	String prefix() default "";

	/**
	 * Whether every update keeps the previous state as a numbered version ({@code v1..vN} items plus a
	 * {@code v0} copy of the latest).
	 * @return {@literal true} for a versioned resource
	 */
	boolean versioned() default false;

	/**
	 * Whether the entity is stored as gzip-compressed JSON in the binary {@code data} attribute. By default
	 * versioned types are compressed and plain types are not, unless the global default says otherwise.
	 * @return the compression setting
	 */
	Compression compression() default Compression.DEFAULT;

	/**
	 * The gzip level of a compressed type, from {@code 1} (fastest) to {@code 9} (smallest); {@code -1} uses the
	 * global default ({@link MappingDefaults#DEFAULT_COMPRESSION_LEVEL} unless configured otherwise). Every level
	 * writes standard gzip, readable whatever level wrote it (Python's {@code gzip.decompress} included), so a type
	 * may change its level at any time. Only meaningful for compressed types.
	 * @return the gzip level
	 */
	int compressionLevel() default -1;

	/**
	 * How many versions to keep for a versioned type; the version a write pushes out is deleted right after the
	 * write's answer, outside its transaction (a process that stops in between leaves it stored until the next
	 * write prunes; no read returns a version older than the newest {@code maxVersions} meanwhile). {@code -1} uses
	 * the global default, {@code 0} keeps every version.
	 * @return the number of versions to keep
	 */
	int maxVersions() default -1;

	/**
	 * The property holding the expiry: an {@link java.time.Instant} or {@link java.time.OffsetDateTime} (absolute),
	 * or a {@link java.time.Duration} or number of seconds (relative to the creation time). Empty for no TTL.
	 * @return the TTL property name
	 */
	String ttlProperty() default "";

	/**
	 * The attribute that receives the expiry as epoch seconds, on every item of the resource. Enable DynamoDB
	 * TTL on this attribute yourself.
	 * @return the TTL attribute name
	 */
	String ttlAttribute() default "ttl";

	/**
	 * Whether reads hide items whose TTL has passed but that DynamoDB has not deleted yet (it may take up to a
	 * few days). Only meaningful with a {@link #ttlProperty()}.
	 * @return {@literal true} to hide expired items
	 */
	boolean hideExpired() default false;

	/**
	 * Whether {@literal null} values are left out of uncompressed items instead of being stored as NULL, so that
	 * {@code attribute_not_exists} conditions and sparse filters work on them.
	 * @return {@literal true} to omit nulls
	 */
	boolean omitNulls() default false;

	/**
	 * Whether the type has exactly one resource, stored as the Python library stores its singletons
	 * ({@code SingletonResource}, {@code SingletonVersionedResource}): partition key {@code SINGLETON#<prefix>},
	 * id and {@code gsitype} the prefix (the simple class name unless set). Read it with
	 * {@code findSingleton(Type.class)}; {@code create} (with a {@literal null} id), {@code update}, {@code save} and
	 * {@code delete} work as for any type, and ids other than the prefix are refused. May be combined with
	 * {@link #versioned()}.
	 * @return {@literal true} for a singleton type
	 */
	boolean singleton() default false;

	/**
	 * Over how many keys of the type index ({@code gsitype}) the type's latest items are spread. DynamoDB serves one
	 * key of an index with at most 1,000 write units a second, so a type on its one key ({@code gsitype = <prefix>},
	 * the default, {@code 1}) takes at most {@code 1,000 / S} creates a second for items of {@code S} KB, whatever
	 * the table's capacity. With {@code N} shards ({@code 2} to {@value #MAX_TYPE_INDEX_SHARDS}) each
	 * resource's latest item is written under {@code gsitype = <prefix>#<shard>}, its shard the CRC-32 of its id's
	 * UTF-8 bytes modulo {@code N}, so the type takes {@code N} times those writes. Listing and paging by type
	 * (queries without a partition, repositories' {@code findAll} and derived queries on the type index, counts)
	 * read the type's own key and every shard's, one query each, merged in the order of {@code gsitypesk} as
	 * {@code partitionIn} merges, with cursors as before; items under the type's own key (written before the type
	 * was spread, or by the Python library) are still listed.
	 * <p>
	 * What it costs: a listing page reads {@code N + 1} partitions; the Python library's
	 * {@code list_type_by_updated_at} no longer sees the items this application writes (it reads
	 * {@code gsitype = <prefix>} only), which the application logs at start-up. Not for a singleton type, nor a type
	 * declaring its own type-index partition ({@code @IndexKey(index = "gsitype", partition = ...)}). Items written
	 * before a change of {@code N} keep their key until rewritten: a backfill that re-indexes moves them (lowering
	 * {@code N} leaves the items of the shards above it unlisted until then).
	 * @return the number of shards, {@code 1} for the type's one key
	 */
	int typeIndexShards() default 1;

	/**
	 * For a sealed interface or abstract class stored as one entity (a hierarchy): the attribute, and the field of
	 * the stored JSON, that names the concrete type of each item. Each concrete type is stored under this type's
	 * prefix, named by its {@link org.springframework.data.annotation.TypeAlias @TypeAlias}, else its simple name.
	 * Ignored on a concrete type.
	 * @return the discriminator attribute
	 */
	String discriminator() default "type";

	/**
	 * For an interface or abstract class that is not sealed: its concrete types, stored under its prefix. A sealed
	 * type's permitted subtypes are found by themselves. Ignored on a concrete type.
	 * @return the concrete types of the hierarchy
	 */
	Class<?>[] subtypes() default {};

	/**
	 * For a hierarchy: what reads do with an item whose discriminator names none of its types (another application's,
	 * or a newer version's during a rolling deploy that adds a type). Ignored on a concrete type.
	 * @return {@link UnknownSubtypes#FAIL} to fail the read, or {@link UnknownSubtypes#SKIP} to leave the item out
	 */
	UnknownSubtypes unknownSubtypes() default UnknownSubtypes.FAIL;

	/**
	 * What reads of a hierarchy do with an item of a type it does not know.
	 */
	enum UnknownSubtypes {

		/** Fail the read with an {@code UnknownSubtypeException} naming the item, the value and the known values. */
		FAIL,

		/**
		 * Leave the item out, as if it were not stored (reads by id find nothing, queries and histories skip it), and
		 * count it: each skip is logged (at WARN for the first item of each value, with the count so far) and counted
		 * by the converter ({@code getSkippedItems()}).
		 */
		SKIP

	}

	/**
	 * Compression setting of an entity type.
	 */
	enum Compression {

		/** Use the global default, else compress versioned types only. */
		DEFAULT,

		/** Store gzip-compressed JSON in {@code data}. */
		ENABLED,

		/** Store each property as a top-level attribute. */
		DISABLED

	}

}
