package dev.singletable.autoconfigure.evolution;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the recorded migrations, bound from {@code singletable.migrations.*}.
 *
 * @param enabled Whether to apply the pending migrations ('SingleTableMigration' beans) at start-up. Off, the
 * 'SingleTableMigrations' bean still lists them and runs them when called.
 * @param pollInterval How long an instance that waits for another instance's migration step pauses between two
 * looks at the table.
 */
@ConfigurationProperties("singletable.migrations")
public record SingleTableMigrationsProperties(@DefaultValue("true") boolean enabled, Duration pollInterval) {

	/** {@code singletable.migrations.poll-interval} when not set. */
	private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Gives the poll interval its default when it is not set: here rather than by a
	 * {@link DefaultValue @DefaultValue} parameter, which the binder would convert from text at every start; the
	 * configuration metadata lists it from {@code META-INF/additional-spring-configuration-metadata.json}.
	 */
	public SingleTableMigrationsProperties {
		pollInterval = (pollInterval != null) ? pollInterval : DEFAULT_POLL_INTERVAL;
	}

}
