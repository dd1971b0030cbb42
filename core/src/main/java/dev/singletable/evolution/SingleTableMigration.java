package dev.singletable.evolution;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.evolution.internal.migration.MigrationRecords;

/**
 * One recorded migration of a table: a version, a description and its steps, applied once and in version order
 * by {@link SingleTableMigrations} (at start-up, with Spring Boot, for every bean of this type).
 *
 * <pre class="code">
 * &#64;Bean
 * SingleTableMigration ticketsByOwner() {
 *     return SingleTableMigration.version("2")
 *         .description("index tickets by owner")
 *         .reindex(Ticket.class)
 *         .build();
 * }
 * </pre>
 *
 * Backfill steps ({@code reindex}, {@code forEach}, {@code move}, {@code recompress}, {@code deleteAll}) are shared
 * by every instance that starts while they run: each claims segments. A {@linkplain Builder#run(String, MigrationAction)
 * code step} runs on the instance holding the migrations' lease. Versions compare as dotted numbers
 * ({@code 1 < 1.1 < 2 < 10}).
 */
public final class SingleTableMigration {

	private final String version;

	private final String description;

	private final List<Step> steps;

	private SingleTableMigration(String version, String description, List<Step> steps) {
		this.version = version;
		this.description = description;
		this.steps = List.copyOf(steps);
	}

	/**
	 * Starts a migration with the given version.
	 * @param version digits separated by dots, such as {@code 2} or {@code 2.1}
	 * @return a builder
	 */
	public static Builder version(String version) {
		Assert.isTrue(version != null && version.matches("\\d+(\\.\\d+)*"),
				() -> "Migration version '" + version + "' must be digits separated by dots, such as 2 or 2.1");
		return new Builder(version);
	}

	/**
	 * Returns the version.
	 * @return the version
	 */
	public String getVersion() {
		return this.version;
	}

	/**
	 * Returns the description.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Returns the descriptions of the steps, in order (such as {@code reindex Ticket}).
	 * @return the steps
	 */
	public List<String> getSteps() {
		return this.steps.stream().map(Step::describe).toList();
	}

	List<Step> steps() {
		return this.steps;
	}

	/**
	 * The checksum of the declaration: its version in its canonical form (so that {@code 2} and {@code 2.0}, one
	 * migration, have one checksum), description and step descriptions, which the record of an applied migration
	 * keeps so that a later change of it is noticed.
	 */
	String checksum() {
		return checksum(MigrationRecords.canonicalVersion(this.version));
	}

	/**
	 * Whether a recorded checksum is this declaration's: its checksum, or the one computed before checksums used the
	 * canonical version, over the version as the record or this declaration writes it (a table recorded by an
	 * earlier release keeps its applied migrations valid).
	 * @param recorded the recorded checksum
	 * @param recordedVersion the version as recorded
	 */
	boolean matchesChecksum(String recorded, String recordedVersion) {
		return recorded.equals(checksum()) || recorded.equals(checksum(recordedVersion))
				|| recorded.equals(checksum(this.version));
	}

	private String checksum(String version) {
		StringBuilder declaration = new StringBuilder(version).append('\n').append(this.description);
		getSteps().forEach((step) -> declaration.append('\n').append(step));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(declaration.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Compares two versions as dotted numbers: {@code 1 < 1.1 < 2 < 10}, and {@code 2} equals {@code 2.0}.
	 */
	static int compareVersions(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			BigInteger x = (i < a.length) ? new BigInteger(a[i]) : BigInteger.ZERO;
			BigInteger y = (i < b.length) ? new BigInteger(b[i]) : BigInteger.ZERO;
			int compared = x.compareTo(y);
			if (compared != 0) {
				return compared;
			}
		}
		return 0;
	}

	@Override
	public String toString() {
		return "SingleTableMigration[" + this.version + " '" + this.description + "', " + getSteps() + "]";
	}

	/** What a step does. */
	enum StepKind {

		REINDEX, FOR_EACH, MOVE, RECOMPRESS, DELETE_ALL, RUN

	}

	/** One step of a migration. */
	record Step(StepKind kind, @Nullable Class<?> type, @Nullable String fromPrefix,
			@Nullable UnaryOperator<Object> transform, @Nullable RewriteMode rewriteMode, @Nullable String name,
			@Nullable MigrationAction action) {

		/** The backfill operation of the step, as a {@link BackfillResult} names it; {@literal null} for code. */
		@Nullable String operation() {
			return switch (this.kind) {
				case REINDEX -> "reindex";
				case FOR_EACH -> "forEach";
				case MOVE -> "move";
				case RECOMPRESS -> "recompress";
				case DELETE_ALL -> "deleteAll";
				case RUN -> null;
			};
		}

		/** Whether the step is a backfill, shared by every instance that runs the migration. */
		boolean isBackfill() {
			return this.kind != StepKind.RUN;
		}

		String describe() {
			return switch (this.kind) {
				case REINDEX -> "reindex " + typeName();
				case FOR_EACH -> "forEach " + typeName() + " (" + this.rewriteMode + ")";
				case MOVE -> "move " + this.fromPrefix + " to " + typeName();
				case RECOMPRESS -> "recompress " + typeName();
				case DELETE_ALL -> "deleteAll " + typeName();
				case RUN -> "run " + this.name;
			};
		}

		private String typeName() {
			return (this.type != null) ? this.type.getSimpleName() : "?";
		}

	}

	/**
	 * Builds a {@link SingleTableMigration}.
	 */
	public static final class Builder {

		private final String version;

		private String description = "";

		private final List<Step> steps = new ArrayList<>();

		private Builder(String version) {
			this.version = version;
		}

		/**
		 * Sets the description, recorded with the migration and shown by the actuator endpoint.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(String description) {
			Assert.hasText(description, "Migration description must not be empty");
			this.description = description;
			return this;
		}

		/**
		 * Adds a step that {@linkplain SingleTableBackfills#reindex re-indexes} a type.
		 * @param type the entity type
		 * @return this builder
		 */
		public Builder reindex(Class<?> type) {
			return add(new Step(StepKind.REINDEX, type, null, null, null, null, null));
		}

		/**
		 * Adds a step that {@linkplain SingleTableBackfills#forEach rewrites} every resource of a type through a
		 * function.
		 * @param <T> the entity type
		 * @param type the entity type
		 * @param transform the function
		 * @param rewriteMode in place or as a new version
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public <T> Builder forEach(Class<T> type, UnaryOperator<T> transform, RewriteMode rewriteMode) {
			Assert.notNull(transform, "Transform must not be null");
			return add(new Step(StepKind.FOR_EACH, type, null, (UnaryOperator<Object>) transform, rewriteMode, null,
					null));
		}

		/**
		 * Adds a step that {@linkplain SingleTableBackfills#move moves} a type from an earlier prefix.
		 * @param type the entity type
		 * @param fromPrefix the prefix its items are stored under
		 * @return this builder
		 */
		public Builder move(Class<?> type, String fromPrefix) {
			Assert.hasText(fromPrefix, "Prefix to move from must not be empty");
			return add(new Step(StepKind.MOVE, type, fromPrefix, null, null, null, null));
		}

		/**
		 * Adds a step that {@linkplain SingleTableBackfills#recompress recompresses} a type.
		 * @param type the entity type
		 * @return this builder
		 */
		public Builder recompress(Class<?> type) {
			return add(new Step(StepKind.RECOMPRESS, type, null, null, null, null, null));
		}

		/**
		 * Adds a step that {@linkplain SingleTableBackfills#deleteAll deletes} every item of a type.
		 * @param type the entity type
		 * @return this builder
		 */
		public Builder deleteAll(Class<?> type) {
			return add(new Step(StepKind.DELETE_ALL, type, null, null, null, null, null));
		}

		/**
		 * Adds a step that runs code on the instance holding the migrations' lease.
		 * @param name the step's name, part of the checksum
		 * @param action the code
		 * @return this builder
		 */
		public Builder run(String name, MigrationAction action) {
			Assert.hasText(name, "Step name must not be empty");
			Assert.notNull(action, "Action must not be null");
			return add(new Step(StepKind.RUN, null, null, null, null, name, action));
		}

		private Builder add(Step step) {
			if (step.kind() != StepKind.RUN) {
				Assert.notNull(step.type(), "Entity type must not be null");
			}
			this.steps.add(step);
			return this;
		}

		/**
		 * Builds the migration.
		 * @return the migration
		 */
		public SingleTableMigration build() {
			Assert.hasText(this.description, () -> "Migration " + this.version + " needs a description");
			Assert.notEmpty(this.steps, () -> "Migration " + this.version + " has no steps");
			return new SingleTableMigration(this.version, this.description, this.steps);
		}

	}

}
