package dev.singletable.evolution.internal.drift;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.evolution.internal.drift.DefinitionChange.Severity;
import dev.singletable.evolution.internal.drift.StoredDefinition.Aspect;
import dev.singletable.evolution.internal.plan.PlanRunner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares entity types with the record of their stored definitions and keeps the record up to date: a type
 * without record is recorded (a baseline when it has items), changes that need no rewrite are recorded silently,
 * and changes that do, while items are stored, are returned and left unrecorded until a backfill brings the items
 * up to date ({@link #recordBackfill}). Given the template's driver, table and converter; never the template.
 */
public final class DriftDetector {

	/** What a backfill of each operation brings up to date. */
	private static final Map<String, Set<Aspect>> RECORDED_BY = Map.of("reindex",
			EnumSet.of(Aspect.INDEXES, Aspect.TTL, Aspect.FILTER_METADATA, Aspect.INFORMATION), "recompress",
			EnumSet.of(Aspect.COMPRESSION, Aspect.INFORMATION), "forEach", EnumSet.of(Aspect.FIELDS, Aspect.INFORMATION), "deleteAll",
			EnumSet.allOf(Aspect.class));

	/** What a move brings up to date besides the prefix: what its items are written with. */
	private static final Set<Aspect> MOVED = EnumSet.of(Aspect.PREFIX, Aspect.INDEXES, Aspect.TTL,
			Aspect.FILTER_METADATA, Aspect.INFORMATION);

	private final DefinitionRecords records;

	private final SingleTableConverter converter;

	private final String instanceId;

	/** The generation of each prefix's record as this instance last read or wrote it. */
	private final Map<String, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Creates a detector.
	 * @param instanceId the id this instance's writes of records carry
	 */
	public DriftDetector(PlanRunner driver, String tableName, SingleTableConverter converter, String instanceId) {
		this.records = new DefinitionRecords(driver, tableName);
		this.converter = converter;
		this.instanceId = instanceId;
	}

	/**
	 * Checks types against their records (one {@code Query} for every record, and one {@code Query} with
	 * {@code Limit 1} of a type's items where it matters), recording what needs no work. A type whose record a
	 * migration newer than {@code highestMigration} wrote, with definitions this instance's writes would not match,
	 * is {@link Outcome#STALE}: nothing of it is recorded.
	 * @param highestMigration the highest migration version this instance declares, {@literal null} for none
	 */
	public List<TypeCheck> check(Collection<? extends SingleTablePersistentEntity<?>> entities,
			@Nullable String highestMigration) {
		Map<String, Map<String, AttributeValue>> recorded = this.records.readAll();
		Set<String> prefixes = new HashSet<>();
		entities.forEach((entity) -> prefixes.add(entity.getPrefix()));
		List<TypeCheck> checks = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			TypeCheck stale = staleAtStart(entity, recorded, highestMigration);
			checks.add((stale != null) ? stale : check(entity, recorded, prefixes));
		}
		return checks;
	}

	/** The type's check when a migration this instance does not know recorded newer definitions, else null. */
	private @Nullable TypeCheck staleAtStart(SingleTablePersistentEntity<?> entity,
			Map<String, Map<String, AttributeValue>> recorded, @Nullable String highestMigration) {
		Newer newer = newer(entity, recorded, null, highestMigration);
		if (newer == null) {
			return null;
		}
		this.generations.put(entity.getPrefix(), 0L);   // never written by this instance: any later write is newer
		return new TypeCheck(entity, Outcome.STALE, List.of(), null, newer);
	}

	/**
	 * Whether another instance recorded newer definitions of a type (see {@link StaleComparison}) than this
	 * instance's, from every record as just read.
	 * @param seenGeneration the generation of the type's record this instance saw, {@literal null} when it saw none
	 * (then only a migration's mark tells)
	 */
	private @Nullable Newer newer(SingleTablePersistentEntity<?> entity,
			Map<String, Map<String, AttributeValue>> recorded, @Nullable Long seenGeneration,
			@Nullable String highestMigration) {
		StoredDefinition current = StoredDefinition.of(entity, this.converter);
		Map<String, AttributeValue> item = recorded.get(entity.getPrefix());
		if (item != null) {
			StaleComparison.RecordMark mark = StaleComparison.RecordMark.of(item);
			if (!StaleComparison.isNewer(mark, seenGeneration, highestMigration, this.instanceId)) {
				return null;
			}
			List<StaleComparison.Difference> differences = StaleComparison
				.differences(current, StoredDefinition.fromItem(item, current), entity.getType());
			return differences.isEmpty() ? null : new Newer(mark, differences);
		}
		// the type's record is gone: a newer version moved the type to another prefix (and removed this one's)
		for (Map<String, AttributeValue> other : recorded.values()) {
			if (current.javaType().equals(StoredDefinition.javaTypeOf(other))) {
				StaleComparison.RecordMark mark = StaleComparison.RecordMark.of(other);
				boolean movedSinceSeen = seenGeneration != null && seenGeneration > 0;
				if (movedSinceSeen || StaleComparison.isNewer(mark, null, highestMigration, this.instanceId)) {
					List<StaleComparison.Difference> differences = StaleComparison
						.differences(current, StoredDefinition.fromItem(other, current), entity.getType());
					return differences.isEmpty() ? null : new Newer(mark, differences);
				}
			}
		}
		return null;
	}

	/**
	 * Reads every record again (one strongly consistent {@code Query}) and returns, for each given type, the newer
	 * definitions another instance recorded since this instance's check, when its writes would not match them.
	 * Nothing is written.
	 * @param highestMigration the highest migration version this instance declares, {@literal null} for none
	 * @return the newer definitions by type; types without are absent
	 */
	public Map<Class<?>, Newer> newerDefinitions(Collection<? extends SingleTablePersistentEntity<?>> entities,
			@Nullable String highestMigration) {
		Map<String, Map<String, AttributeValue>> recorded = this.records.readAll();
		Map<Class<?>, Newer> found = new java.util.LinkedHashMap<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			Newer newer = newer(entity, recorded, this.generations.get(entity.getPrefix()), highestMigration);
			if (newer != null) {
				found.put(entity.getType(), newer);
			}
		}
		return found;
	}

	private TypeCheck check(SingleTablePersistentEntity<?> entity, Map<String, Map<String, AttributeValue>> recorded,
			Set<String> registered) {
		StoredDefinition current = StoredDefinition.of(entity, this.converter);
		Map<String, AttributeValue> item = recorded.get(entity.getPrefix());
		if (item != null) {
			this.generations.put(entity.getPrefix(), StaleComparison.RecordMark.of(item).generation());
		}
		if (item == null) {
			StoredDefinition former = former(current, recorded, registered);
			if (former != null) {
				if (this.records.itemsExist(former.typePartition())) {
					return new TypeCheck(entity, Outcome.DRIFT,
							List.of(DefinitionComparison.prefixChange(former, current, entity.getType())),
							former.prefix(), null);
				}
				writeAll(current);
				if (former.javaType().equals(current.javaType())) {
					this.records.delete(former.prefix());
				}
				return new TypeCheck(entity, Outcome.RECORDED, List.of(), former.prefix(), null);
			}
			boolean baseline = this.records.itemsExist(current.typePartition());
			writeAll(current);
			return new TypeCheck(entity, baseline ? Outcome.BASELINE : Outcome.RECORDED, List.of(), null, null);
		}
		StoredDefinition before = StoredDefinition.fromItem(item, current);
		List<DefinitionChange> changes = DefinitionComparison.compare(before, current, entity.getType());
		if (changes.isEmpty()) {
			return new TypeCheck(entity, Outcome.UNCHANGED, List.of(), null, null);
		}
		boolean needsWork = changes.stream().anyMatch((change) -> change.severity() != Severity.SILENT);
		if (needsWork && !this.records.itemsExist(before.typePartition())) {
			writeAll(current);
			return new TypeCheck(entity, Outcome.UPDATED, DefinitionComparison.silenced(changes), null, null);
		}
		writeSilent(current, changes);
		return new TypeCheck(entity, needsWork ? Outcome.DRIFT : Outcome.UPDATED, changes, null, null);
	}

	/**
	 * The record of the type under a prefix no registered type has: the type's former prefix. It names the type's
	 * Java class; else (a class renamed with its default prefix) it names a class no longer registered of the same
	 * package, with the same layout and the same stored fields.
	 */
	private @Nullable StoredDefinition former(StoredDefinition current,
			Map<String, Map<String, AttributeValue>> recorded, Set<String> registered) {
		Set<String> prefixes = new HashSet<>(registered);
		Set<String> types = new HashSet<>();
		for (SingleTablePersistentEntity<?> entity : this.converter.getMappingContext().getPersistentEntities()) {
			prefixes.add(entity.getPrefix());
			types.add(entity.getType().getName());
		}
		StoredDefinition renamed = null;
		for (Map.Entry<String, Map<String, AttributeValue>> record : recorded.entrySet()) {
			String javaType = StoredDefinition.javaTypeOf(record.getValue());
			if (prefixes.contains(record.getKey()) || javaType == null) {
				continue;
			}
			if (current.javaType().equals(javaType)) {
				return StoredDefinition.fromItem(record.getValue(), current);
			}
			if (renamed == null && !types.contains(javaType) && packageOf(javaType).equals(packageOf(current.javaType()))) {
				StoredDefinition candidate = StoredDefinition.fromItem(record.getValue(), current);
				if (candidate.versioned() == current.versioned() && candidate.fields().equals(current.fields())) {
					renamed = candidate;
				}
			}
		}
		return renamed;
	}

	private static String packageOf(String javaType) {
		int dot = javaType.lastIndexOf('.');
		return (dot >= 0) ? javaType.substring(0, dot) : "";
	}

	/** Records what changed silently, leaving what needs work as recorded. */
	private void writeSilent(StoredDefinition current, List<DefinitionChange> changes) {
		Set<Aspect> aspects = EnumSet.of(Aspect.INFORMATION);
		Set<Aspect> kept = EnumSet.noneOf(Aspect.class);
		Set<String> setIndexes = new LinkedHashSet<>();
		Set<String> removedIndexes = new LinkedHashSet<>();
		for (DefinitionChange change : changes) {
			if (change.aspect() == Aspect.INDEXES && change.index() != null) {
				if (change.severity() == Severity.SILENT) {
					(current.indexes().containsKey(change.index()) ? setIndexes : removedIndexes).add(change.index());
				}
			}
			else if (change.severity() == Severity.SILENT) {
				aspects.add(change.aspect());
			}
			else {
				kept.add(change.aspect());
			}
		}
		aspects.removeAll(kept);
		write(current, aspects, setIndexes, removedIndexes, null);
	}

	private void writeAll(StoredDefinition current) {
		write(current, EnumSet.allOf(Aspect.class), Set.of(), Set.of(), null);
	}

	/** Writes a record and remembers the generation this instance wrote. */
	private void write(StoredDefinition current, Set<Aspect> aspects, Set<String> setIndexes,
			Set<String> removedIndexes, @Nullable String migration) {
		long generation = this.records.write(current, aspects, setIndexes, removedIndexes, this.instanceId, migration);
		this.generations.put(current.prefix(), generation);
	}

	/**
	 * The changes of a type that need work, from its record as stored now (one strongly consistent read;
	 * for a type without record, one {@code Query} of every record): what another instance's backfill may have
	 * brought up to date. Nothing is written.
	 */
	public List<DefinitionChange> recheck(SingleTablePersistentEntity<?> entity) {
		StoredDefinition current = StoredDefinition.of(entity, this.converter);
		Optional<Map<String, AttributeValue>> item = this.records.read(entity.getPrefix());
		if (item.isEmpty()) {
			StoredDefinition former = former(current, this.records.readAll(), Set.of(entity.getPrefix()));
			return (former != null) ? List.of(DefinitionComparison.prefixChange(former, current, entity.getType()))
					: List.of();
		}
		return DefinitionComparison.compare(StoredDefinition.fromItem(item.get(), current), current, entity.getType())
			.stream()
			.filter((change) -> change.severity() != Severity.SILENT)
			.toList();
	}

	/**
	 * Records a type's current definitions: every part of them, whatever items are stored.
	 */
	public void recordAll(SingleTablePersistentEntity<?> entity) {
		writeAll(StoredDefinition.of(entity, this.converter));
	}

	/**
	 * Whether a complete backfill of an operation records (so brings the stored items up to date in) an aspect of a
	 * type's definitions, as {@link #recordBackfill} does.
	 * @param operation the backfill's operation, {@literal null} for none
	 * @param aspect the aspect
	 * @return whether it does
	 */
	public static boolean brings(@Nullable String operation, Aspect aspect) {
		if ("move".equals(operation)) {
			return MOVED.contains(aspect);
		}
		Set<Aspect> aspects = (operation != null) ? RECORDED_BY.get(operation) : null;
		return aspects != null && aspects.contains(aspect);
	}

	/**
	 * Records what a complete backfill of a type brought up to date: after {@code reindex} the indexes, TTL and
	 * filter metadata; after {@code recompress} the compression; after {@code forEach} the stored fields only (a
	 * transform writes only the resources it changed: the others keep their index attributes, TTL and layout);
	 * after {@code deleteAll} everything; after {@code move} the new prefix (the indexes, TTL and filter metadata too, which the moved items
	 * are written with), the record of the former prefix removed.
	 * @param operation the backfill's operation
	 * @param migration the version of the migration the backfill is a step of, {@literal null} for none: the record
	 * then names it, so instances that do not know the migration tell they are older
	 * @return whether the operation is one that changes the record
	 */
	public boolean recordBackfill(SingleTablePersistentEntity<?> entity, String operation,
			@Nullable String migration) {
		StoredDefinition current = StoredDefinition.of(entity, this.converter);
		if ("move".equals(operation)) {
			recordMove(current, migration);
			return true;
		}
		Set<Aspect> aspects = RECORDED_BY.get(operation);
		if (aspects == null) {
			return false;
		}
		write(current, aspects, Set.of(), Set.of(), migration);
		return true;
	}

	private void recordMove(StoredDefinition current, @Nullable String migration) {
		Map<String, Map<String, AttributeValue>> recorded = this.records.readAll();
		StoredDefinition former = former(current, recorded, Set.of(current.prefix()));
		if (former == null) {
			if (!recorded.containsKey(current.prefix())) {
				write(current, EnumSet.allOf(Aspect.class), Set.of(), Set.of(), migration);
			}
			else {
				write(current, RECORDED_BY.get("reindex"), Set.of(), Set.of(), migration);
			}
			return;
		}
		StoredDefinition moved = new StoredDefinition(current.prefix(), current.javaType(), current.versioned(),
				current.typePartition(), current.indexes(), former.compressed(), current.compressionLevel(),
				current.maxVersions(), current.ttlAttribute(), former.blobs(), current.filterMetadata(),
				former.fields());
		write(moved, EnumSet.allOf(Aspect.class), Set.of(), Set.of(), migration);
		this.records.delete(former.prefix());
	}

	/**
	 * What the check of a type found.
	 * @param entity the type
	 * @param outcome what it means
	 * @param changes the changes found ({@link Severity#SILENT} ones recorded)
	 * @param formerPrefix the prefix the type was recorded under before, when it changed
	 * @param newer the newer definitions another instance recorded, for {@link Outcome#STALE}
	 */
	public record TypeCheck(SingleTablePersistentEntity<?> entity, Outcome outcome, List<DefinitionChange> changes,
			@Nullable String formerPrefix, @Nullable Newer newer) {

	}

	/**
	 * Newer definitions of a type than this instance's, recorded by another instance.
	 * @param mark who recorded them
	 * @param differences how this instance's writes would differ from them
	 */
	public record Newer(StaleComparison.RecordMark mark, List<StaleComparison.Difference> differences) {

		public Newer {
			differences = List.copyOf(differences);
		}

		/**
		 * The newer definitions as the API names them.
		 * @param prefix the type's prefix on this instance
		 * @param writesRefused whether this instance refuses the type's writes
		 */
		public StaleDefinitions toStaleDefinitions(Class<?> type, String prefix, boolean writesRefused) {
			List<String> subjects = this.differences.stream()
				.map(StaleComparison.Difference::subject)
				.distinct()
				.toList();
			String change = String.join("; ",
					this.differences.stream().map(StaleComparison.Difference::description).toList());
			return new StaleDefinitions(type, prefix, subjects, change, this.mark.migration(), this.mark.instance(),
					instant(this.mark.recordedAt()), writesRefused);
		}

		private static @Nullable Instant instant(@Nullable String text) {
			if (text == null) {
				return null;
			}
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

	}

	/**
	 * What the check of a type means.
	 */
	public enum Outcome {

		/** Recorded and unchanged. */
		UNCHANGED,

		/** A type without record and without items (a new table or type): recorded. */
		RECORDED,

		/** A type with items but without record (a table from before records were kept): recorded as it is. */
		BASELINE,

		/** Changed without need of a rewrite (or without items to rewrite): recorded. */
		UPDATED,

		/** Changed in a way the stored items need a backfill for: reported, not recorded. */
		DRIFT,

		/**
		 * Recorded by a migration newer than this instance knows, with definitions its writes would not match: this
		 * instance runs an older version; nothing is recorded.
		 */
		STALE

	}

}
