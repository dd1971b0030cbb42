package dev.singletable.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftGuard;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.core.schema.StaleDefinitionsException;
import dev.singletable.evolution.internal.drift.DefinitionChange;
import dev.singletable.evolution.internal.drift.DriftDetector;
import dev.singletable.evolution.internal.drift.StaleComparison;

/**
 * The record of what shapes each entity type's stored items (type prefix, every index's key templates or computed
 * key, compression, TTL attribute, blob and filter metadata properties, stored field names), kept in the table
 * under {@code _INTERNAL#Definitions} (one item a type, invisible to type listings and to the Python library), and
 * the detection of definitions that changed while items are stored.
 *
 * <pre class="code">
 * SingleTableDefinitions definitions = new SingleTableDefinitions(template);
 * DriftReport report = definitions.check();          // records new types, reports drift
 * template.setIndexDriftGuard(definitions);           // queries of drifted indexes are refused
 * backfills.addListener(definitions);                 // a complete backfill records what it brought up to date
 * </pre>
 *
 * {@link #check()} compares every registered type with its record: a brand-new table or type is recorded with no
 * work to do; a type with items but no record (a table from before this record) is recorded as it is, with an
 * INFO line; a change that needs no rewrite (a larger {@code maxVersions}, a compression level, a renamed computed
 * key method with the same logic) is recorded silently. While items are stored, an index added or whose keys changed
 * is a drift of that index and a changed prefix is a drift of the whole type (found by the type's class recorded under
 * a prefix no registered type has, or, for a class renamed with its default prefix, by the record of a class no
 * longer registered with the same package, layout and stored fields): queries reading them are refused (see
 * {@link #drift(Class, String)}) until a backfill ran; compression, TTL attribute, blob and filter metadata changes
 * are reported but refuse nothing; fields no longer mapped are information. Whether items are stored is one
 * {@code Query} of the type index with {@code Limit 1}.
 * <p>
 * As a {@link BackfillListener} it records, after a complete {@code reindex}, the type's indexes, TTL attribute and
 * filter metadata; after {@code move}, the new prefix (removing the former's record) with the indexes, TTL attribute
 * and filter metadata the moved items were written with; after {@code recompress}, its compression; after
 * {@code forEach}, the stored field names only (a transform writes only the resources it changed, so the others keep
 * their index attributes and layout); after {@code deleteAll}, everything. A {@link SingleTableBackfills} without
 * such a listener records the same itself. A query refused on an instance whose
 * definitions another instance of the fleet recorded reads the record again, at most once per
 * {@linkplain #setRefreshInterval refresh interval}, and stops refusing.
 * <p>
 * Fleet skew: each record carries who wrote it (a {@code generation} every write adds one to, the instance, and the
 * version of the migration whose backfill recorded it). A type whose record a migration above the highest this
 * application declares ({@link #setMigrationVersions}) wrote, or another instance wrote since this one read it, and
 * whose definitions this instance's writes would not match, is stale: found at {@link #check()} (then nothing of it is
 * recorded) and by {@link #checkForNewerDefinitions()}; its writes are refused with a
 * {@link StaleDefinitionsException} or logged ({@link #setStaleDefinitionsAction}), and
 * {@link #getStaleDefinitions()} lists it.
 */
public class SingleTableDefinitions implements IndexDriftGuard, BackfillListener {

	private static final Log logger = LogFactory.getLog(SingleTableDefinitions.class);

	private final SingleTableMappingContext mappingContext;

	/**
	 * Built at the first check or record (after the application is ready, with Spring Boot), not with the bean: it
	 * loads the drift classes and asks the host's name.
	 */
	private final SingletonSupplier<DriftDetector> detector;

	/** The drifts of each type that has some, as last found. */
	private volatile Map<Class<?>, List<TypeDrift>> drifts = Map.of();

	private volatile DriftReport lastCheck = DriftReport.EMPTY;

	/** When each drifted type's record was last read, in {@link System#nanoTime()}. */
	private final Map<Class<?>, Long> readAt = new ConcurrentHashMap<>();

	private volatile Duration refreshInterval = Duration.ofSeconds(5);

	/** The migrations applied right after the check, whose pending backfill steps fix drifts. */
	private volatile @Nullable SingleTableMigrations pendingMigrations;

	/** The types this instance checked: those whose newer definitions {@link #checkForNewerDefinitions()} looks for. */
	private volatile List<SingleTablePersistentEntity<?>> checked = List.of();

	/** The types whose definitions another instance recorded newer, and what their writes do. */
	private final StaleTypes stale;

	private volatile @Nullable String highestMigration;

	/** This instance's id, made at first use: the host's name may take a lookup, never made before ready. */
	private final SingletonSupplier<String> instanceId = SingletonSupplier.of(StaleComparison::newInstanceId);

	/**
	 * Creates the record's keeper on the template's table and mapping.
	 * @param template the template
	 */
	public SingleTableDefinitions(SingleTableTemplate template) {
		Assert.notNull(template, "Template must not be null");
		this.mappingContext = template.getConverter().getMappingContext();
		this.stale = new StaleTypes(this.mappingContext);
		this.detector = SingletonSupplier.of(() -> new DriftDetector(TemplateExecutors.of(template)::run,
				template.getTableName(), template.getConverter(), getInstanceId()));
	}

	/**
	 * Sets the versions of the migrations this application declares. A record written by the backfill of a
	 * migration above the highest of them was written by a newer version of the application: where its definitions
	 * differ from this instance's, this instance's are stale (see {@link #checkForNewerDefinitions()}). None by
	 * default (Spring Boot sets those of the {@link SingleTableMigration} beans).
	 * @param versions the declared migration versions
	 */
	public void setMigrationVersions(Collection<String> versions) {
		Assert.noNullElements(versions, "Versions must not be null");
		String highest = null;
		for (String version : versions) {
			if (highest == null || SingleTableMigration.compareVersions(highest, version) < 0) {
				highest = version;
			}
		}
		this.highestMigration = highest;
	}

	/**
	 * Sets what a write of a type with stale definitions does: {@link IndexDriftAction#REFUSE refuse} with a
	 * {@link StaleDefinitionsException} (the default) or {@link IndexDriftAction#WARN warn} once and write.
	 * @param action the action; must not be {@literal null}
	 */
	public void setStaleDefinitionsAction(IndexDriftAction action) {
		Assert.notNull(action, "IndexDriftAction must not be null");
		this.stale.setAction(action);
	}

	/**
	 * Returns the id this instance's writes of records carry ({@code recorded_by}):
	 * {@code <host>:<pid>:<6 random characters>}.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId.obtain();
	}

	/**
	 * Sets how often, at most, a query of a drifted index reads the type's record again to learn whether another
	 * instance's backfill recorded it (default 5 seconds).
	 * @param refreshInterval the interval; {@link Duration#ZERO} to read it at every refused query
	 */
	public void setRefreshInterval(Duration refreshInterval) {
		Assert.isTrue(refreshInterval != null && !refreshInterval.isNegative(),
				"Refresh interval must not be negative");
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Sets the migrations that are applied right after {@link #check()} (Spring Boot sets those it applies at
	 * start-up): a drift that one of their pending migrations fixes is logged at INFO, as "will be fixed by migration
	 * N", instead of a WARN. A migration fixes a drift when one of its backfill steps works on the drifted type and,
	 * once complete, records what drifted (as this record's keeper does as {@link BackfillListener}: a
	 * {@code reindex} fixes an index, TTL or filter metadata drift; a {@code move} a prefix drift too; a
	 * {@code recompress} a compression drift; a {@code forEach} stored fields; a {@code deleteAll} everything).
	 * @param migrations the migrations, {@literal null} for none
	 */
	public void setPendingMigrations(@Nullable SingleTableMigrations migrations) {
		this.pendingMigrations = migrations;
	}

	/**
	 * Compares every type registered in the template's mapping context with its record (see the class description),
	 * logs each drift at WARN (type, what changed, the fix; at INFO when a {@linkplain #setPendingMigrations pending
	 * migration} fixes it), and keeps the drifts for queries and {@link #getReport()}.
	 * @return what was found
	 */
	public DriftReport check() {
		return check(this.mappingContext.getPersistentEntities());
	}

	/**
	 * Compares the given types with their records, registering them in the mapping context first.
	 * @param types the entity types
	 * @return what was found
	 */
	public DriftReport checkTypes(Collection<Class<?>> types) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>();
		types.forEach((type) -> entities.add(this.mappingContext.getRequiredPersistentEntity(type)));
		return check(entities);
	}

	private synchronized DriftReport check(Collection<? extends SingleTablePersistentEntity<?>> types) {
		// a hierarchy is recorded and checked once, as its root, whose record covers every concrete type
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>();
		for (SingleTablePersistentEntity<?> type : types) {
			SingleTablePersistentEntity<?> root = (type.getRootType() == type.getType()) ? type
					: this.mappingContext.getRequiredPersistentEntity(type.getRootType());
			if (!entities.contains(root)) {
				entities.add(root);
			}
		}
		List<TypeDrift> found = new ArrayList<>();
		List<Class<?>> recorded = new ArrayList<>();
		List<Class<?>> baselines = new ArrayList<>();
		Map<Class<?>, List<TypeDrift>> byType = new LinkedHashMap<>(this.drifts);
		PendingFixes fixes = new PendingFixes(this.pendingMigrations);
		Map<Class<?>, DriftDetector.Newer> newer = new LinkedHashMap<>(this.stale.current());
		List<SingleTablePersistentEntity<?>> checkedNow = new ArrayList<>(this.checked);
		for (DriftDetector.TypeCheck check : detector().check(entities, this.highestMigration)) {
			Class<?> type = check.entity().getType();
			checkedNow.removeIf((entity) -> entity.getType() == type);
			checkedNow.add(check.entity());
			newer.remove(type);
			if (check.outcome() == DriftDetector.Outcome.STALE && check.newer() != null) {
				newer.put(type, check.newer());
				this.stale.logStale(check.entity(), check.newer());
			}
			List<TypeDrift> drifts = drifts(check.entity(), check.changes());
			found.addAll(drifts);
			putOrRemove(byType, type, drifts);
			switch (check.outcome()) {
				case RECORDED -> recorded.add(type);
				case BASELINE -> {
					baselines.add(type);
					logger.info("Recorded the definitions of " + type.getName() + " (prefix '"
							+ check.entity().getPrefix() + "') as they are: its items were stored before definitions "
							+ "were recorded, so later changes can be told apart");
				}
				case UPDATED, UNCHANGED, DRIFT -> logSilent(check);
				case STALE -> {
					// logged above
				}
			}
			for (DefinitionChange change : check.changes()) {
				TypeDrift drift = drift(check.entity(), change);
				if (drift != null) {
					log(drift, (drift.kind() != TypeDrift.Kind.INFORMATION) ? fixes.of(type, change) : null);
				}
			}
		}
		this.checked = List.copyOf(checkedNow);
		this.stale.replace(newer);
		this.drifts = Map.copyOf(byType);
		this.lastCheck = new DriftReport(found, recorded, baselines, getStaleDefinitions());
		return this.lastCheck;
	}

	private static void logSilent(DriftDetector.TypeCheck check) {
		if (logger.isDebugEnabled()) {
			check.changes()
				.stream()
				.filter((change) -> change.severity() == DefinitionChange.Severity.SILENT)
				.forEach((change) -> logger.debug("Recorded a change of " + check.entity().getType().getName()
						+ " that needs no rewrite: " + change.change()));
		}
	}

	private static void log(TypeDrift drift, @Nullable String fixedBy) {
		if (drift.kind() == TypeDrift.Kind.INFORMATION) {
			logger.info("Definitions of " + drift.describe());
		}
		else if (fixedBy != null) {
			logger.info("Drift of " + drift.describe() + ". It will be fixed by migration " + fixedBy
					+ ", pending: it runs now"
					+ (drift.refusesQueries() ? " (queries reading it are refused until then)" : ""));
		}
		else {
			logger.warn("Drift of " + drift.describe()
					+ (drift.refusesQueries() ? " (queries reading it are refused until then)" : ""));
		}
	}

	private static List<TypeDrift> drifts(SingleTablePersistentEntity<?> entity, List<DefinitionChange> changes) {
		List<TypeDrift> drifts = new ArrayList<>();
		for (DefinitionChange change : changes) {
			TypeDrift drift = drift(entity, change);
			if (drift != null) {
				drifts.add(drift);
			}
		}
		return drifts;
	}

	private static @Nullable TypeDrift drift(SingleTablePersistentEntity<?> entity, DefinitionChange change) {
		TypeDrift.Kind kind = switch (change.severity()) {
			case REFUSES_INDEX -> TypeDrift.Kind.INDEX;
			case REFUSES_TYPE -> TypeDrift.Kind.TYPE;
			case REPORTED -> TypeDrift.Kind.STORAGE;
			case INFORMATION -> TypeDrift.Kind.INFORMATION;
			case SILENT -> null;
		};
		return (kind != null) ? new TypeDrift(entity.getType(), entity.getPrefix(), change.subject(), kind,
				change.change(), (change.fix() != null) ? change.fix() : "none needed") : null;
	}

	/**
	 * Returns the drifts as they stand now: those of the last {@link #check()}, less what backfills recorded since
	 * (on this instance, or on another one whose record a refused query read again).
	 * @return the report
	 */
	public DriftReport getReport() {
		List<TypeDrift> current = new ArrayList<>();
		this.drifts.values().forEach(current::addAll);
		return new DriftReport(current, this.lastCheck.recorded(), this.lastCheck.baselines(), getStaleDefinitions());
	}

	/**
	 * Returns the types whose definitions on this instance are older than those another instance recorded, as
	 * last found (at {@link #check()} or by {@link #checkForNewerDefinitions()}).
	 * @return the stale definitions, empty when there are none
	 */
	public List<StaleDefinitions> getStaleDefinitions() {
		return this.stale.list();
	}

	/**
	 * Reads every record again (one strongly consistent {@code Query} of {@code _INTERNAL#Definitions}, nothing
	 * written) and finds the types checked by {@link #check()} whose definitions another instance of the fleet
	 * recorded newer than this instance's: by the backfill of a migration above the highest this application
	 * declares, or by any write of the record since this instance read it. A type whose newer definitions this
	 * instance's writes would not match (an index it does not write or writes with other keys, another prefix,
	 * layout, compression, TTL attribute, blob or filter metadata properties) is stale: its writes are refused (see
	 * {@link #checkWrite}) until this instance runs the newer version. An instance whose definitions are newer than
	 * the record (a drift its pending migration brings up to date) is never stale. Spring Boot calls it every
	 * {@code singletable.drift.poll-interval}.
	 * @return the stale definitions, empty when there are none
	 */
	public List<StaleDefinitions> checkForNewerDefinitions() {
		Map<Class<?>, DriftDetector.Newer> found = detector().newerDefinitions(this.checked, this.highestMigration);
		synchronized (this) {
			Map<Class<?>, DriftDetector.Newer> before = this.stale.current();
			for (SingleTablePersistentEntity<?> entity : this.checked) {
				DriftDetector.Newer now = found.get(entity.getType());
				DriftDetector.Newer was = before.get(entity.getType());
				if (now != null && !now.equals(was)) {
					this.stale.logStale(entity, now);
				}
				else if (now == null && was != null) {
					logger.info("Writes of " + entity.getType().getName() + " are no longer refused: its definitions "
							+ "recorded in the table match this instance's again");
				}
			}
			this.stale.replace(found);
		}
		return getStaleDefinitions();
	}

	/**
	 * Refuses (or logs, see {@link #setStaleDefinitionsAction}) a write of a type whose definitions are stale on
	 * this instance. Answers from memory: one volatile read when nothing is stale.
	 * @param type the entity type written
	 * @throws StaleDefinitionsException when the type's definitions are stale and the action is to refuse
	 */
	@Override
	public void checkWrite(Class<?> type) {
		this.stale.checkWrite(type);
	}

	/**
	 * Records the current definitions of a type as those of its stored items, whatever they are: accepts its
	 * drifts (after bringing the items up to date by other means, or when they need none).
	 * @param type the entity type
	 */
	public void record(Class<?> type) {
		SingleTablePersistentEntity<?> entity = this.mappingContext.getRequiredPersistentEntity(type);
		detector().recordAll(entity);
		refresh(entity);
	}

	/**
	 * Records what a complete backfill brought up to date (see the class description) and stops refusing the
	 * queries it fixed.
	 * @param result what the backfill did
	 */
	@Override
	public void completed(BackfillResult result) {
		SingleTablePersistentEntity<?> entity = this.mappingContext.getRequiredPersistentEntity(result.type());
		if (detector().recordBackfill(entity, result.operation(), StaleComparison.migrationOf(result.runId()))) {
			logger.info("Recorded the definitions of " + result.type().getName() + " after the complete "
					+ result.operation() + " (run " + result.runId() + ")");
			refresh(entity);
		}
	}

	/**
	 * Returns the drift of an index of a type that refuses its queries. Answers from memory (one volatile read when
	 * nothing drifted); for a drifted index, reads the type's record again at most once per refresh interval, so
	 * a backfill another instance completed and recorded is seen.
	 * @param type the entity type
	 * @param index the index
	 * @return the drift, or {@literal null} when the index can be queried
	 */
	@Override
	public @Nullable IndexDrift drift(Class<?> type, String index) {
		Map<Class<?>, List<TypeDrift>> drifts = this.drifts;
		if (drifts.isEmpty()) {
			return null;
		}
		IndexDrift found = refusing(drifts.get(type), index);
		if (found != null && refreshDue(type)) {
			SingleTablePersistentEntity<?> entity = this.mappingContext.getPersistentEntity(type);
			if (entity != null) {
				refreshIfDue(entity);
				found = refusing(this.drifts.get(type), index);
			}
		}
		return found;
	}

	private static @Nullable IndexDrift refusing(@Nullable List<TypeDrift> drifts, String index) {
		if (drifts != null) {
			for (TypeDrift drift : drifts) {
				if (drift.refusesQueries()) {
					IndexDrift indexDrift = drift.toIndexDrift();
					if (indexDrift.concerns(index)) {
						return indexDrift;
					}
				}
			}
		}
		return null;
	}

	private boolean refreshDue(Class<?> type) {
		long now = System.nanoTime();
		Long last = this.readAt.get(type);
		return last == null || now - last >= this.refreshInterval.toNanos();
	}

	private synchronized void refreshIfDue(SingleTablePersistentEntity<?> entity) {
		if (refreshDue(entity.getType())) {
			try {
				refresh(entity);
			}
			catch (RuntimeException ex) {
				// the record could not be read: the query stays refused, and the next one after the interval asks again
				logger.warn("Could not read the stored definitions of " + entity.getType().getName()
						+ " again; its drifted indexes stay refused: " + ex.getMessage());
			}
		}
	}

	/** Reads the type's record again and keeps the drifts it still has. */
	private synchronized void refresh(SingleTablePersistentEntity<?> entity) {
		Class<?> type = entity.getType();
		this.readAt.put(type, System.nanoTime());
		List<TypeDrift> now = drifts(entity, detector().recheck(entity));
		List<TypeDrift> before = this.drifts.getOrDefault(type, List.of());
		if (!now.equals(before)) {
			Map<Class<?>, List<TypeDrift>> updated = new LinkedHashMap<>(this.drifts);
			putOrRemove(updated, type, now);
			this.drifts = Map.copyOf(updated);
			if (now.stream().noneMatch(TypeDrift::refusesQueries) && before.stream().anyMatch(TypeDrift::refusesQueries)) {
				logger.info("Queries of " + type.getName() + " are no longer refused: its definitions were recorded "
						+ "after a backfill");
			}
		}
	}

	private static void putOrRemove(Map<Class<?>, List<TypeDrift>> drifts, Class<?> type, List<TypeDrift> found) {
		if (found.isEmpty()) {
			drifts.remove(type);
		}
		else {
			drifts.put(type, List.copyOf(found));
		}
	}

	private DriftDetector detector() {
		return this.detector.obtain();
	}

}
