package dev.singletable.autoconfigure.drift;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.singletable.core.schema.IndexDriftAction;

/**
 * Drift detection settings of the single-table DynamoDB support, bound from {@code singletable.drift.*}.
 *
 * @param enabled Whether to compare, once the application is ready (or at its first query or write, whichever comes
 * first; nothing is sent while the context starts), every entity type with the record of the definitions its stored
 * items were written with (kept in the table under '_INTERNAL#Definitions'), record new types, log each drift with
 * the backfill that fixes it, show it in the health details and refuse queries on drifted indexes.
 * @param onQuery What a query on an index whose stored items no longer match the definitions does: 'refuse' throws
 * IndexDriftException naming the index and the fix, 'warn' logs a warning once and runs it (its answer may miss the
 * items stored before the change).
 * @param onStaleDefinitions What a write of an entity type does when another instance recorded newer definitions of
 * it (a newer version of the application migrated): 'refuse' throws StaleDefinitionsException naming the type, the
 * indexes, the migration version that recorded them and the fix, and the health status is OUT_OF_SERVICE; 'warn'
 * logs a warning once and writes the item the old way.
 * @param pollInterval How often a running instance reads the definition records (one query) to notice newer
 * definitions another instance recorded. 0 turns the poll off: they are then noticed at the next start only.
 */
@ConfigurationProperties("singletable.drift")
public record SingleTableDriftProperties(@DefaultValue("true") boolean enabled, IndexDriftAction onQuery,
		IndexDriftAction onStaleDefinitions, Duration pollInterval) {

	/** {@code singletable.drift.poll-interval} when not set. */
	private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

	/**
	 * Gives each property that is not set its default. The defaults of the enum and duration properties are set here
	 * rather than by {@link DefaultValue @DefaultValue} parameters, which the binder would convert from text at every
	 * start (Spring Boot's duration parsing is loaded for it); the configuration metadata lists them from
	 * {@code META-INF/additional-spring-configuration-metadata.json}.
	 */
	public SingleTableDriftProperties {
		onQuery = (onQuery != null) ? onQuery : IndexDriftAction.REFUSE;
		onStaleDefinitions = (onStaleDefinitions != null) ? onStaleDefinitions : IndexDriftAction.REFUSE;
		pollInterval = (pollInterval != null) ? pollInterval : DEFAULT_POLL_INTERVAL;
	}

}
