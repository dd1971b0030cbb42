package dev.singletable.core.internal.write.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.AuditorAware;

import com.github.f4b6a3.ulid.UlidFactory;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditDiff;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;

/**
 * The audit side of the write model: adds to the {@link WriteUnit} of a change of an {@link Audited} type the
 * {@code Put} of its audit row ({@link AuditItems}), so that the change and its row are written by the same request,
 * all or nothing — also for the replacement units the unit's failure asks for. It reads the stored latest item where
 * a row needs the state before the change (field changes of an update, the snapshot of a delete): one strongly
 * consistent {@code GetItem}, whose state is exact when the write is conditioned on the version or modification
 * time it had.
 * <p>
 * A row's {@code changed_by} and {@code audit_metadata} are decided when its unit is recorded (the change is made or
 * queued): the {@link AuditMetadataProvider}'s metadata under the {@link AuditScope}'s details, the scope's changer
 * over the {@code AuditorAware}'s. When a request is sent, {@link #stamped} adds to each of its rows the id of the
 * request's transaction, {@value AuditEntry#TRANSACTION_ID}.
 */
public final class AuditRecords {

	private final String tableName;

	private final SingleTableConverter converter;

	private final Timestamps timestamps;

	private static final Log logger = LogFactory.getLog(AuditRecords.class);

	/**
	 * Built at the first row (it holds the storage's JSON mapper, which an AOT start defers), for the shards set;
	 * {@literal null} until then and after the shards change.
	 */
	private volatile @Nullable AuditItems items;

	private volatile KeyShards shards = KeyShards.NONE;

	/**
	 * Row ids: increasing for rows made at the same millisecond of the template's clock (the rows' order). Made at
	 * the first row, not with the template: a template that audits nothing never loads the generator.
	 */
	private volatile @Nullable UlidFactory ids;

	private final Map<Class<?>, Optional<Config>> configs = new ConcurrentHashMap<>();

	private volatile @Nullable AuditorAware<?> auditor;

	private volatile @Nullable AuditMetadataProvider metadataProvider;

	/**
	 * @param tableName the table the audit rows are put in
	 */
	public AuditRecords(String tableName, SingleTableConverter converter, Timestamps timestamps) {
		this.tableName = tableName;
		this.converter = converter;
		this.timestamps = timestamps;
	}

	/**
	 * Sets the shards the rows' shared index keys are spread over ({@link KeyShards}).
	 */
	public void setShards(KeyShards shards) {
		if (shards.spread() && !shards.equals(this.shards)) {
			logger.warn("The audit log of table " + this.tableName + " is spread over " + shards.count()
					+ " shards: audit rows written from now on have gsitype _INTERNAL#AuditLog#<shard> and gsi2pk "
					+ "_INTERNAL#AuditLog#<type>#<shard>, so the Python library's reads of all audit rows and of a "
					+ "type's audit rows (by gsitype and gsi2pk) no longer see them; its reads by resource and by id "
					+ "still do (see capacity.md and python.md)");
		}
		synchronized (this) {
			this.shards = shards;
			this.items = null;
		}
	}

	/**
	 * Returns the codec of the rows, made at the first row with the shards then set (it holds the storage's JSON
	 * mapper, which may be made at first use too).
	 */
	private AuditItems items() {
		AuditItems items = this.items;
		return (items != null) ? items : madeItems();
	}

	private synchronized AuditItems madeItems() {
		AuditItems items = this.items;
		if (items == null) {
			items = new AuditItems(this.converter.getJsonMapper(), this.shards);
			this.items = items;
		}
		return items;
	}

	/**
	 * Returns the row ids' generator, made at the first row.
	 */
	private UlidFactory ids() {
		UlidFactory ids = this.ids;
		return (ids != null) ? ids : madeIds();
	}

	private synchronized UlidFactory madeIds() {
		UlidFactory ids = this.ids;
		if (ids == null) {
			ids = UlidFactory.newMonotonicInstance();
			this.ids = ids;
		}
		return ids;
	}

	public KeyShards getShards() {
		return this.shards;
	}

	public void setAuditorAware(@Nullable AuditorAware<?> auditor) {
		this.auditor = auditor;
	}

	public @Nullable AuditorAware<?> getAuditorAware() {
		return this.auditor;
	}

	public void setMetadataProvider(@Nullable AuditMetadataProvider provider) {
		this.metadataProvider = provider;
	}

	/**
	 * Whether a change of a type made now on this thread adds an audit row: its options audit it, and no
	 * {@link AuditScope#callUnaudited} block runs (so the blocking planners neither read nor write for a row). The
	 * first call for an audited type checks its options (the template makes it for every registered type when it is
	 * initialised).
	 * @throws InvalidEntityDefinitionException when its {@code include} or {@code exclude} names no property
	 */
	public boolean audits(Class<?> type) {
		return isAudited(type) && !AuditScope.isUnaudited();
	}

	/**
	 * Whether a type is audited by its options alone, whatever the thread: the reactive template's rule, whose
	 * operations carry the scope captured when they were called ({@link Details#recorded()}).
	 * @throws InvalidEntityDefinitionException when its {@code include} or {@code exclude} names no property
	 */
	public boolean isAudited(Class<?> type) {
		return config(type) != null;
	}

	private @Nullable Config config(Class<?> type) {
		// an invalid type is not cached: each of its writes fails, before any request
		// without lambdas: each would be a class spun at the template's start, which checks every registered type
		Optional<Config> config = this.configs.get(type);
		if (config == null) {
			Audited audited = audited(type);
			config = Optional
				.ofNullable((audited != null) ? resolve(this.converter.getRequiredEntity(type), audited) : null);
			this.configs.putIfAbsent(type, config);
		}
		return config.orElse(null);
	}

	/**
	 * A type's {@code @Audited}: an entity type's from its entity (found there without Spring's merged lookup when
	 * nothing else can carry it), any other's by Spring's lookup, as before.
	 */
	private @Nullable Audited audited(Class<?> type) {
		return SingleTableMappingContext.isEntityType(type)
				? this.converter.getRequiredEntity(type).findAnnotation(Audited.class)
				: AnnotatedElementUtils.findMergedAnnotation(type, Audited.class);
	}

	/**
	 * Reads a type's audit options, with its {@code include} and {@code exclude} names (Java property names, or the
	 * names they are stored under) as stored names.
	 */
	private Config resolve(SingleTablePersistentEntity<?> metadata, Audited audited) {
		Map<String, String> storedNames = new LinkedHashMap<>();
		for (SingleTablePersistentProperty property : metadata) {
			if (!property.isUnmappedAttributesProperty()) {
				storedNames.put(property.getName(), this.converter.getStoredName(property));
			}
		}
		return new Config(audited, storedNames(metadata, storedNames, "exclude", audited.exclude()),
				storedNames(metadata, storedNames, "include", audited.include()));
	}

	private static Set<String> storedNames(SingleTablePersistentEntity<?> metadata, Map<String, String> storedNames,
			String option, String[] names) {
		Set<String> stored = new HashSet<>();
		for (String name : names) {
			String storedName = storedNames.get(name);
			if (storedName != null) {
				stored.add(storedName);
			}
			else if (storedNames.containsValue(name) || AuditDiff.SYSTEM_FIELDS.contains(name)
					|| metadata.getUnmappedAttributesProperty() != null) {
				// a stored name, a system field, or an attribute the type's @UnmappedAttributes property holds
				stored.add(name);
			}
			else {
				throw new InvalidEntityDefinitionException(metadata.getType(), "@Audited(" + option + ") names '" + name
						+ "', which is not a property of the type; name one of its properties (by Java name): "
						+ storedNames.keySet());
			}
		}
		return Set.copyOf(stored);
	}

	/**
	 * Whether the row of an operation on a type needs the stored latest item before the change: the field changes
	 * of an update, the snapshot of a delete; never for a type that is not audited. The write's plan reads it and
	 * hands it to {@link #record(WriteUnit, String, Map)}.
	 */
	public boolean needsBefore(Class<?> type, String operation) {
		Config config = config(type);
		return config != null && (AuditEntry.UPDATE.equals(operation) ? config.audited().fieldChanges()
				: AuditEntry.DELETE.equals(operation) && config.audited().snapshot());
	}

	/**
	 * Returns the unit with the row of its change added, when its type is audited; else the unit itself.
	 * @param operation the audited operation ({@link AuditEntry#CREATE}, {@code UPDATE}, {@code DELETE})
	 * @param before the stored latest item before the change, if read
	 */
	public WriteUnit record(WriteUnit unit, String operation, @Nullable Map<String, AttributeValue> before) {
		return audits(unit.type()) ? record(unit, operation, before, details()) : unit;
	}

	/**
	 * Returns the unit of a restore with its row added when its type is audited: an {@code UPDATE} whose metadata
	 * names the restored version. Reads nothing.
	 * @param before the stored latest item before the restore
	 * @param version the restored version
	 */
	public WriteUnit recordRestore(WriteUnit unit, @Nullable Map<String, AttributeValue> before, long version) {
		return audits(unit.type()) ? record(unit, AuditEntry.UPDATE, before, details().restoring(version)) : unit;
	}

	/**
	 * Returns the unit with the row of its change added, with details decided by the caller ({@link #details(AuditDetails,
	 * Supplier)}), when its type is audited; else the unit itself. Reads nothing.
	 * @param operation the audited operation ({@link AuditEntry#CREATE}, {@code UPDATE}, {@code DELETE})
	 * @param before the stored latest item before the change, when {@link #needsBefore} says the row needs it
	 */
	public WriteUnit record(WriteUnit unit, String operation, @Nullable Map<String, AttributeValue> before,
			Details details) {
		Config resolved = config(unit.type());
		if (resolved == null || !details.recorded()) {
			return unit;
		}
		Audited config = resolved.audited();
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(unit.type());
		Map<String, AttributeValue> after = written(metadata, unit);
		Set<String> excluded = resolved.excluded();
		Set<String> included = resolved.included();
		boolean delete = AuditEntry.DELETE.equals(operation);
		boolean diff = config.fieldChanges() && AuditEntry.UPDATE.equals(operation);
		// each state is decoded only when the row shows it: in the diff, or as the snapshot
		JsonNode old = (before != null && (diff || (delete && config.snapshot())))
				? AuditStates.read(this.converter, metadata, before, excluded, included) : null;
		JsonNode now = (after != null && (diff || (!delete && config.snapshot())))
				? AuditStates.read(this.converter, metadata, after, excluded, included) : null;
		Map<String, FieldChange> changes = (diff && old != null && now != null)
				? AuditDiff.changedFields(old, now, excluded) : null;
		JsonNode snapshot = !config.snapshot() ? null : delete ? old : now;
		Instant at = this.timestamps.now();
		// the id's time part is the row's creation time, so key ranges and created_at ranges agree
		AuditEntry entry = new AuditEntry(ids().create(at.toEpochMilli()).toString(),
				metadata.getPrefix(), unit.id(), operation, details.changedBy(), changes, snapshot, details.metadata(), at);
		TransactWriteItem row = TransactWriteItem.builder()
			.put(Put.builder().tableName(this.tableName).item(items().toItem(entry)).build())
			.build();
		List<TransactWriteItem> all = new ArrayList<>(unit.items());
		all.add(row);
		return new WriteUnit(unit.operation(), unit.type(), unit.id(), List.copyOf(all), (failed) -> {
			WriteUnit.Outcome outcome = unit.onFailure().apply(failed);
			Step<WriteUnit> retry = outcome.retry();
			return (retry != null) ? WriteUnit.Outcome
				.retryWith(retry.then((replacement) -> Step.done(record(replacement, operation, before, details))))
					: outcome;
		}, unit.afterCommit(), unit.result(), unit.blobs());
	}

	/**
	 * What the row of a change made now on this thread says besides the change: the scope's changer, else the
	 * auditor's; the provider's metadata under the scope's; {@link Details#UNRECORDED} in an
	 * {@link AuditScope#callUnaudited} block. Refuses invalid metadata before anything is written.
	 */
	public Details details() {
		return AuditScope.isUnaudited() ? Details.UNRECORDED : details(AuditScope.current());
	}

	/**
	 * What the row of a change made in the given scope says besides the change, by the rule of
	 * {@link #details(AuditDetails, Supplier)}, the changer asked of this rows' blocking {@link AuditorAware} when the
	 * scope names none.
	 * @param scope the details bound where the change is made
	 */
	public Details details(AuditDetails scope) {
		return details(scope, () -> {
			AuditorAware<?> current = this.auditor;
			return (current != null) ? current.getCurrentAuditor().orElse(null) : null;
		});
	}

	/**
	 * What the row of a change made now says besides the change, the one rule for both templates: the scope's
	 * changer, else the auditor's (asked only then); the provider's metadata under the scope's. Refuses invalid
	 * metadata before anything is written.
	 * @param scope the details bound where the change is made
	 * @param auditor the current auditor, {@literal null} for none
	 * @throws dev.singletable.core.audit.InvalidAuditMetadataException when the provider's metadata is invalid
	 */
	public Details details(AuditDetails scope, Supplier<@Nullable Object> auditor) {
		String changedBy = scope.getChangedBy();
		if (changedBy == null) {
			Object who = auditor.get();
			changedBy = (who != null) ? who.toString() : null;
		}
		AuditMetadataProvider provider = this.metadataProvider;
		Map<String, ?> provided = (provider != null) ? provider.getAuditMetadata() : null;
		AuditDetails all = (provided != null) ? AuditDetails.of(provided).merge(scope) : scope;
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		all.getMetadata().forEach((key, value) -> metadata.put(key, this.converter.getJsonMapper().valueToTree(value)));
		return new Details(changedBy, metadata);
	}

	/**
	 * Returns a new transaction id: a ULID, made with the template's clock.
	 */
	public String transactionId() {
		return ids().create(this.timestamps.now().toEpochMilli()).toString();
	}

	/**
	 * Returns the items of a request with the transaction's id in the {@code audit_metadata} of each audit row
	 * (replacing any value there, which only a row built elsewhere can hold); the same list when it has no rows, in
 * which case no id is made.
	 */
	public static List<TransactWriteItem> stamped(List<TransactWriteItem> items, Supplier<String> transactionId) {
		List<TransactWriteItem> stamped = null;
		for (int i = 0; i < items.size(); i++) {
			Put put = items.get(i).put();
			if (put != null && AuditItems.isAuditItem(put.item())) {
				if (stamped == null) {
					stamped = new ArrayList<>(items);
				}
				Map<String, AttributeValue> item = new LinkedHashMap<>(put.item());
				AttributeValue old = item.get(AuditItems.METADATA);
				Map<String, AttributeValue> metadata = new LinkedHashMap<>(
						(old != null && old.hasM()) ? old.m() : Map.of());
				metadata.put(AuditEntry.TRANSACTION_ID, AttributeValue.fromS(transactionId.get()));
				item.put(AuditItems.METADATA, AttributeValue.fromM(metadata));
				stamped.set(i, TransactWriteItem.builder().put(put.toBuilder().item(item).build()).build());
			}
		}
		return (stamped != null) ? stamped : items;
	}

	/**
	 * The latest item a unit writes, if it writes one.
	 */
	private static @Nullable Map<String, AttributeValue> written(SingleTablePersistentEntity<?> metadata, WriteUnit unit) {
		String latest = ItemLayout.latestSortKey(metadata, unit.id());
		for (TransactWriteItem item : unit.items()) {
			if (item.put() != null && latest.equals(item.put().item().get(ItemAttributes.SK).s())) {
				return item.put().item();
			}
		}
		return null;
	}

	/**
	 * A type's audit options, its {@code exclude} and {@code include} names as stored names.
	 */
	private record Config(Audited audited, Set<String> excluded, Set<String> included) {
	}

	/**
	 * The changer and metadata of a row, decided when its change is made, and whether the change adds a row at all
	 * ({@link #UNRECORDED}: made in an {@link AuditScope#callUnaudited} block).
	 */
	public record Details(@Nullable String changedBy, Map<String, JsonNode> metadata, boolean recorded) {

		/** The details of a change that adds no row. */
		public static final Details UNRECORDED = new Details(null, Map.of(), false);

		/**
		 * The details of a change that adds a row.
		 */
		public Details(@Nullable String changedBy, Map<String, JsonNode> metadata) {
			this(changedBy, metadata, true);
		}

		/**
		 * Returns the details of a restore's row: these, with the restored version in the metadata
		 * ({@value AuditEntry#RESTORED_FROM_VERSION}), as the operation stays {@code UPDATE}.
		 */
		public Details restoring(long version) {
			if (!this.recorded) {
				return this;
			}
			Map<String, JsonNode> all = new LinkedHashMap<>(this.metadata);
			all.put(AuditEntry.RESTORED_FROM_VERSION, LongNode.valueOf(version));
			return new Details(this.changedBy, all);
		}

	}

}
