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
public record SingleTableMigrationsProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1s") Duration pollInterval) {

}
