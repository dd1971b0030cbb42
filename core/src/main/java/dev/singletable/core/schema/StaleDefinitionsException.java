package dev.singletable.core.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Thrown, before anything is sent, when this instance writes an item of an entity type whose definitions another
 * instance of the fleet recorded newer (see {@link StaleDefinitions}): the item would be stored the old way, for
 * example without the index a migration just brought every stored item to. The message names the type, the indexes
 * or parts that differ, the migration version (or instance) that recorded the newer definitions and the fix: run
 * the newer version on this instance. Writes of other types, reads and deletes are not refused.
 */
public class StaleDefinitionsException extends InvalidDataAccessResourceUsageException {

	private final StaleDefinitions definitions;

	/**
	 * Creates an exception for a write of a type with stale definitions.
	 * @param definitions what is stale
	 */
	public StaleDefinitionsException(StaleDefinitions definitions) {
		super("Write of " + definitions.type().getSimpleName() + " refused: " + definitions.describe()
				+ " (singletable.drift.on-stale-definitions=warn writes anyway)");
		this.definitions = definitions;
	}

	/**
	 * Returns what is stale.
	 * @return the stale definitions
	 */
	public StaleDefinitions getStaleDefinitions() {
		return this.definitions;
	}

	/**
	 * Returns the entity type written.
	 * @return the type
	 */
	public Class<?> getType() {
		return this.definitions.type();
	}

	/**
	 * Returns what differs from the newer definitions: index names, else parts such as {@code prefix}.
	 * @return the indexes or parts
	 */
	public List<String> getSubjects() {
		return this.definitions.subjects();
	}

	/**
	 * Returns the version of the migration that recorded the newer definitions.
	 * @return the version, or {@literal null} when no migration did (see {@link StaleDefinitions#recordedBy()})
	 */
	public @Nullable String getRecordedByMigration() {
		return this.definitions.recordedByMigration();
	}

	/**
	 * Returns what ends the refusals.
	 * @return the fix
	 */
	public String getFix() {
		return this.definitions.fix();
	}

}
