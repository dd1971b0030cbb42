package dev.singletable.evolution;

import java.util.List;

import dev.singletable.core.schema.StaleDefinitions;

/**
 * What {@link SingleTableDefinitions#check()} found: the drifts of the registered types, and the types it
 * recorded.
 *
 * @param drifts every drift found, information included, in the order of the types
 * @param recorded the types recorded for the first time with no work to do (a new table or type)
 * @param baselines the types with items but no record (a table from before records were kept), recorded as they
 * are
 * @param staleDefinitions the types whose definitions on this instance are older than those another instance
 * recorded (see {@link SingleTableDefinitions#checkForNewerDefinitions()})
 */
public record DriftReport(List<TypeDrift> drifts, List<Class<?>> recorded, List<Class<?>> baselines,
		List<StaleDefinitions> staleDefinitions) {

	/** A report of nothing. */
	public static final DriftReport EMPTY = new DriftReport(List.of(), List.of(), List.of());

	/**
	 * Creates a report.
	 */
	public DriftReport {
		drifts = List.copyOf(drifts);
		recorded = List.copyOf(recorded);
		baselines = List.copyOf(baselines);
		staleDefinitions = List.copyOf(staleDefinitions);
	}

	/**
	 * Creates a report without stale definitions.
	 * @param drifts every drift found
	 * @param recorded the types recorded for the first time
	 * @param baselines the types recorded as they are
	 */
	public DriftReport(List<TypeDrift> drifts, List<Class<?>> recorded, List<Class<?>> baselines) {
		this(drifts, recorded, baselines, List.of());
	}

	/**
	 * Whether any stored items need a backfill: a drift other than information.
	 * @return {@literal true} when a drift needs work
	 */
	public boolean hasDrift() {
		return this.drifts.stream().anyMatch((drift) -> drift.kind() != TypeDrift.Kind.INFORMATION);
	}

	/**
	 * Returns the drifts of one type.
	 * @param type the entity type
	 * @return its drifts, empty when it has none
	 */
	public List<TypeDrift> driftsOf(Class<?> type) {
		return this.drifts.stream().filter((drift) -> drift.type() == type).toList();
	}

	/**
	 * Returns the drifts that refuse queries.
	 * @return the index and type drifts
	 */
	public List<TypeDrift> refusing() {
		return this.drifts.stream().filter(TypeDrift::refusesQueries).toList();
	}

}
