package dev.singletable.evolution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A migration as the table records it, or as declared when it is pending.
 *
 * @param version the version
 * @param description the description
 * @param checksum the checksum of its declaration (version, description, steps)
 * @param state where it stands
 * @param step the index of the step running, or last run ({@code 0} based)
 * @param steps the number of steps
 * @param itemsProcessed the items its backfill steps read so far, over every instance
 * @param startedAt when it started, {@code null} when pending
 * @param endedAt when it ended, {@code null} unless applied or failed
 * @param holder the instance holding its lease while it runs, else {@code null}
 * @param error the failure's message when it failed, else {@code null}
 */
public record MigrationInfo(String version, String description, String checksum, MigrationState state, int step,
		int steps, long itemsProcessed, @Nullable Instant startedAt, @Nullable Instant endedAt,
		@Nullable String holder, @Nullable String error) {

}
