package dev.singletable.core.schema;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * An index of an entity type whose stored attributes no longer match the type's definitions: its key templates
 * or computed key changed (or it was added) while items of the type were stored, so a query on it would silently
 * miss or misplace the items written before the change. With a {@literal null} {@link #index()} the drift is the
 * type's own: its prefix changed, and every index query of it (the type listing included) would miss its items.
 * <p>
 * Found by the drift check of {@code dev.singletable.evolution.SingleTableDefinitions}, and named by the
 * {@link IndexDriftException} a query on the index throws until the backfill that {@link #fix()} names has run.
 *
 * @param type the entity type
 * @param prefix the type's prefix
 * @param index the index, or {@literal null} for every index of the type (its prefix changed)
 * @param change what changed, in a sentence
 * @param fix what brings the stored items up to date, such as
 * {@code SingleTableMigration.version("N").description("..").reindex(Ticket.class)}
 */
public record IndexDrift(Class<?> type, String prefix, @Nullable String index, String change, String fix) {

	/**
	 * Creates a drift.
	 */
	public IndexDrift {
		Assert.notNull(type, "Type must not be null");
		Assert.hasText(prefix, "Prefix must not be empty");
		Assert.hasText(change, "Change must not be empty");
		Assert.hasText(fix, "Fix must not be empty");
	}

	/**
	 * Whether the drift concerns the given index of the type: that index, or every index for a type-wide drift.
	 * @param index the index name
	 * @return {@literal true} when a query on the index reads drifted items
	 */
	public boolean concerns(String index) {
		return this.index == null || this.index.equals(index);
	}

	/**
	 * Describes the drift in one sentence: type, index, what changed and the fix.
	 * @return the description
	 */
	public String describe() {
		String where = (this.index != null) ? "Index '" + this.index + "' of " + this.type.getName()
				: "Every index of " + this.type.getName();
		return where + " (prefix '" + this.prefix + "') does not match the stored items: " + this.change
				+ ". Fix: " + this.fix;
	}

}
