package dev.singletable.core.schema;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Thrown when a query reads an index whose stored items no longer match the type's definitions (see
 * {@link IndexDrift}): its answer would silently leave out, or misplace, the items written before the change. The
 * message names the type, the index, what changed and the fix (the migration or backfill to run); the query is
 * answered again once the backfill recorded the new definitions, on this instance or another of the fleet.
 */
public class IndexDriftException extends InvalidDataAccessResourceUsageException {

	private final IndexDrift drift;

	/**
	 * Creates an exception for a drift.
	 * @param drift the drift of the index the query reads
	 */
	public IndexDriftException(IndexDrift drift) {
		super("Query refused: " + drift.describe()
				+ ". Until then, a query would miss the items stored under the former definition "
				+ "(singletable.drift.on-query=warn, or template.setIndexDriftAction(WARN), runs it anyway)");
		this.drift = drift;
	}

	/**
	 * Returns the drift.
	 * @return the drift
	 */
	public IndexDrift getDrift() {
		return this.drift;
	}

	/**
	 * Returns the entity type the query reads.
	 * @return the type
	 */
	public Class<?> getType() {
		return this.drift.type();
	}

	/**
	 * Returns the drifted index.
	 * @return the index, or {@literal null} when every index of the type drifted (its prefix changed)
	 */
	public @Nullable String getIndex() {
		return this.drift.index();
	}

	/**
	 * Returns what brings the stored items up to date.
	 * @return the fix
	 */
	public String getFix() {
		return this.drift.fix();
	}

}
