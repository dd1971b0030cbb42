package dev.singletable.evolution;

import dev.singletable.evolution.internal.drift.DefinitionChange;
import dev.singletable.evolution.internal.drift.DriftDetector;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which migration pending at this start-up fixes a drift: the first of its backfill steps that records, once
 * complete, what the drift is about. The steps are read once, when a check has a drift to log.
 */
final class PendingFixes {

	private final @Nullable SingleTableMigrations migrations;

	private @Nullable List<SingleTableMigrations.PendingStep> steps;

	PendingFixes(@Nullable SingleTableMigrations migrations) {
		this.migrations = migrations;
	}

	/** The first pending step that records, once complete, what the change is about. */
	@Nullable String of(Class<?> type, DefinitionChange change) {
		if (this.migrations == null) {
			return null;
		}
		if (this.steps == null) {
			try {
				this.steps = this.migrations.pendingBackfillSteps();
			}
			catch (RuntimeException ex) {
				// the migrations report what they cannot read when they run: the drift is warned about
				this.steps = List.of();
			}
		}
		for (SingleTableMigrations.PendingStep pending : this.steps) {
			if (pending.step().type() == type && DriftDetector.brings(pending.step().operation(), change.aspect())) {
				return pending.describe();
			}
		}
		return null;
	}

}
