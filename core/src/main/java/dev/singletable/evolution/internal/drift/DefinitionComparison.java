package dev.singletable.evolution.internal.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.singletable.evolution.internal.drift.DefinitionChange.Severity;
import dev.singletable.evolution.internal.drift.StoredDefinition.Aspect;

/**
 * The one rule of what a definition change means for stored items: compares a type's recorded definitions with its
 * current ones, as if items were stored (the caller downgrades every change to {@link Severity#SILENT} when none
 * are). An index added or written differently refuses that index's queries; a changed layout (versioned or not)
 * refuses the type's; compression, TTL attribute, blob and filter metadata properties are reported; fields no
 * longer mapped are information; everything else (a renamed computed key method, a removed index, the compression
 * level, the versions kept, a renamed Java type) is silent.
 */
final class DefinitionComparison {

	private DefinitionComparison() {
	}

	static List<DefinitionChange> compare(StoredDefinition recorded, StoredDefinition current, Class<?> type) {
		Fixes fixes = new Fixes(type.getSimpleName());
		List<DefinitionChange> changes = new ArrayList<>();
		if (recorded.versioned() != current.versioned()) {
			changes.add(new DefinitionChange(Aspect.TYPE, null, Severity.REFUSES_TYPE,
					"it is now " + layout(current.versioned()) + " but its items were stored "
							+ layout(recorded.versioned()),
					"no backfill turns " + layout(recorded.versioned()) + " items into " + layout(current.versioned())
							+ " ones: restore @SingleTableEntity(versioned = " + recorded.versioned()
							+ "), or start the type over (its items deleted): " + fixes.step("deleteAll(" + fixes.type() + ")")));
		}
		else if (!recorded.javaType().equals(current.javaType())) {
			changes.add(new DefinitionChange(Aspect.TYPE, null, Severity.SILENT,
					"its Java type changed from " + recorded.javaType() + " to " + current.javaType(), null));
		}
		compareIndexes(recorded, current, fixes, changes);
		if (recorded.compressed() != current.compressed()) {
			changes.add(new DefinitionChange(Aspect.COMPRESSION, null, Severity.REPORTED,
					"its items were stored " + (recorded.compressed() ? "compressed" : "uncompressed") + " and are now "
							+ (current.compressed() ? "compressed" : "uncompressed")
							+ " (both read back; filters on uncompressed attributes miss compressed items)",
					fixes.step("recompress(" + fixes.type() + ")")));
		}
		if (recorded.compressionLevel() != current.compressionLevel()
				|| recorded.maxVersions() != current.maxVersions()) {
			changes.add(new DefinitionChange(Aspect.INFORMATION, null, Severity.SILENT,
					"its compression level or versions kept changed", null));
		}
		if (!Objects.equals(recorded.ttlAttribute(), current.ttlAttribute())) {
			changes.add(new DefinitionChange(Aspect.TTL, null, Severity.REPORTED,
					"its TTL attribute changed from " + quoted(recorded.ttlAttribute()) + " to "
							+ quoted(current.ttlAttribute()) + ": stored items keep the former one",
					fixes.step("reindex(" + fixes.type() + ")")));
		}
		if (!recorded.blobs().equals(current.blobs())) {
			changes.add(new DefinitionChange(Aspect.BLOBS, null, Severity.REPORTED,
					"its blob properties changed from " + recorded.blobs() + " to " + current.blobs()
							+ ": stored items keep the former layout",
					"each resource takes the new layout when the application next saves it (an update or a "
							+ "repository save of " + fixes.type().replace(".class", "") + "); no backfill rewrites "
							+ "unchanged resources, and an in-place forEach refuses changed @BlobField properties"));
		}
		if (!recorded.filterMetadata().equals(current.filterMetadata())) {
			changes.add(new DefinitionChange(Aspect.FILTER_METADATA, null, Severity.REPORTED,
					"its @FilterMetadata properties changed from " + recorded.filterMetadata() + " to "
							+ current.filterMetadata() + ": stored items keep the former metadata map",
					fixes.step("reindex(" + fixes.type() + ")")));
		}
		compareFields(recorded, current, fixes, changes);
		return changes;
	}

	private static void compareIndexes(StoredDefinition recorded, StoredDefinition current, Fixes fixes,
			List<DefinitionChange> changes) {
		String reindex = fixes.step("reindex(" + fixes.type() + ")");
		for (String index : new TreeSet<>(current.indexes().keySet())) {
			IndexShape now = current.indexes().get(index);
			IndexShape before = recorded.indexes().get(index);
			if (before == null) {
				changes.add(new DefinitionChange(Aspect.INDEXES, index, Severity.REFUSES_INDEX,
						"the index was added (" + now.describeKeys() + ") after items were stored without it",
						reindex));
			}
			else if (!now.writesLike(before)) {
				changes.add(new DefinitionChange(Aspect.INDEXES, index, Severity.REFUSES_INDEX,
						now.describeChangeFrom(before), reindex));
			}
			else if (!Objects.equals(now.method(), before.method())) {
				changes.add(new DefinitionChange(Aspect.INDEXES, index, Severity.SILENT, "its computed key method "
						+ before.method() + "() was renamed " + now.method() + "() with the same logic", null));
			}
		}
		for (String index : new TreeSet<>(recorded.indexes().keySet())) {
			if (!current.indexes().containsKey(index)) {
				changes.add(new DefinitionChange(Aspect.INDEXES, index, Severity.SILENT,
						"the type no longer writes the index", null));
			}
		}
	}

	private static void compareFields(StoredDefinition recorded, StoredDefinition current, Fixes fixes,
			List<DefinitionChange> changes) {
		List<String> removed = recorded.fields().stream().filter((field) -> !current.fields().contains(field)).toList();
		List<String> added = current.fields().stream().filter((field) -> !recorded.fields().contains(field)).toList();
		if (!removed.isEmpty()) {
			changes.add(new DefinitionChange(Aspect.FIELDS, null, Severity.INFORMATION,
					"stored fields " + removed + " are no longer mapped" + (added.isEmpty() ? ""
							: " and " + added + " are new (if renamed, stored items still carry the former names)"),
					fixes.step("forEach(" + fixes.type() + ", (resource) -> /* copy the former values */ resource, "
							+ "RewriteMode.IN_PLACE)", "forEach(" + fixes.type() + ", (resource) -> /* ... */ resource, "
									+ "BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE))")));
		}
		else if (!added.isEmpty()) {
			changes.add(new DefinitionChange(Aspect.FIELDS, null, Severity.SILENT, "fields " + added + " are new",
					null));
		}
	}

	/**
	 * The change of a type's prefix, with the fix that moves its items: the former record names the type's class,
	 * or (a class renamed with its default prefix) one no longer registered with the same fields.
	 */
	static DefinitionChange prefixChange(StoredDefinition former, StoredDefinition current, Class<?> type) {
		Fixes fixes = new Fixes(type.getSimpleName());
		String formerPrefix = former.prefix();
		boolean renamedClass = !former.javaType().equals(current.javaType());
		String move = fixes.step("move(" + fixes.type() + ", \"" + formerPrefix + "\")",
				"move(" + fixes.type() + ", \"" + formerPrefix + "\", BackfillOptions.defaults())");
		return new DefinitionChange(Aspect.PREFIX, null, Severity.REFUSES_TYPE,
				"its prefix changed from '" + formerPrefix + "' to '" + current.prefix() + "' while its items are stored "
						+ "under '" + formerPrefix + "'"
						+ (renamedClass ? " (recorded for " + former.javaType() + ", no longer registered, with the same "
								+ "fields: the class appears renamed)" : ""),
				renamedClass ? move + "; if it is another type, accept it with SingleTableDefinitions.record("
						+ fixes.type() + ")" : move);
	}

	/** Severities as if nothing is stored: every change is silent. */
	static List<DefinitionChange> silenced(List<DefinitionChange> changes) {
		return changes.stream()
			.map((change) -> new DefinitionChange(change.aspect(), change.index(), Severity.SILENT, change.change(),
					null))
			.toList();
	}

	private static String layout(boolean versioned) {
		return versioned ? "versioned" : "plain";
	}

	private static String quoted(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "none";
	}

	/** The fixes, as a migration step and as a backfill call. */
	private record Fixes(String simpleName) {

		String type() {
			return this.simpleName + ".class";
		}

		String step(String call) {
			String backfill = call.startsWith("reindex(") ? call
					: call.replaceFirst("\\)$", ", BackfillOptions.defaults())");
			return step(call, backfill);
		}

		String step(String call, String backfill) {
			return "add the migration SingleTableMigration.version(\"N\").description(\"...\")." + call
					+ ".build(), or run backfills." + backfill;
		}

	}

}
