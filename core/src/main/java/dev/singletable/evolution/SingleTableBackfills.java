package dev.singletable.evolution;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.schema.IndexDriftGuard;
import dev.singletable.evolution.internal.backfill.BackfillPlan;
import dev.singletable.evolution.internal.backfill.BackfillProgress;
import dev.singletable.evolution.internal.backfill.BackfillRun;
import dev.singletable.evolution.internal.backfill.ItemFailedException;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.rewrite.InPlaceRewriter;
import dev.singletable.evolution.internal.rewrite.Mover;
import dev.singletable.evolution.internal.rewrite.Recompressor;
import dev.singletable.evolution.internal.rewrite.Reindexer;

/**
 * Rewrites every stored item of a type: the building blocks of a migration, usable on their own from a command or
 * a test.
 *
 * <pre class="code">
 * SingleTableBackfills backfills = new SingleTableBackfills(template);
 * backfills.reindex(Ticket.class);                                   // gsi attributes from today's definitions
 * backfills.forEach(Ticket.class, (ticket) -&gt; ticket.withPriority("normal"),
 *         BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));
 * </pre>
 *
 * Every write is conditioned on the state it read (the version of a versioned resource, {@code updated_at} of a
 * plain one), so an application's concurrent write is never lost: the backfill reads the item again and retries.
 * Items are read a page at a time, so memory stays flat whatever the table's size. Segments are claimed through
 * lease items in the table: several instances running the same {@linkplain BackfillOptions#getRunId() run id}
 * share the work, and a run started again resumes from its checkpoints. A run returns when every segment is done,
 * on this instance or another; interrupting the calling thread (or {@link #stop()}) stops it with a
 * {@link BackfillStoppedException}, its segments released for another instance to take at once.
 * <p>
 * A complete run records in the table what it brought up to date in the type's stored definitions (see
 * {@link SingleTableDefinitions}: {@code reindex} its indexes, TTL and filter metadata, {@code forEach} its stored
 * fields, and so on), so the next start reports no drift it fixed: on its own as with Spring Boot, where the
 * application's {@link SingleTableDefinitions} is {@linkplain #addListener added as listener} and records it instead
 * (and stops refusing the queries it fixed).
 */
public class SingleTableBackfills implements DisposableBean {

	private final SingleTableTemplate template;

	/** Made at first use (a run, or asked): the host's name may take a lookup, never made before ready. */
	private final SingletonSupplier<String> instanceId = SingletonSupplier
		.of(() -> hostName() + ":" + ProcessHandle.current().pid() + ":" + randomSuffix());

	private final Set<Running> running = ConcurrentHashMap.newKeySet();

	private volatile @Nullable SingleTableMetrics metrics;

	private BackfillOptions defaults = BackfillOptions.defaults();

	private final List<BackfillListener> listeners = new CopyOnWriteArrayList<>();

	/** Records what a complete run brought up to date, unless a {@link SingleTableDefinitions} listener does. */
	private final SingleTableDefinitions definitions;

	/**
	 * Creates backfills on the template's table, converter and mapping.
	 * @param template the template
	 */
	public SingleTableBackfills(SingleTableTemplate template) {
		this.template = template;
		this.definitions = new SingleTableDefinitions(template);
	}

	/**
	 * Sets where the runs publish their figures: with {@code MicrometerSingleTableMetrics},
	 * {@code singletable.backfill.items} (tagged {@code operation}, {@code type}, {@code outcome}: {@code written},
	 * {@code unchanged}, {@code skipped}, {@code retried}), {@code singletable.backfill.capacity} and
	 * {@code singletable.backfill.segments.remaining}. Spring Boot sets the application's when Micrometer is present.
	 * @param metrics the metrics, {@literal null} for none
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Returns the id this instance claims segments under: {@code <host>:<pid>:<6 random characters>}.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId.obtain();
	}

	/**
	 * Stops every run of this instance: their threads stop between items and release their segments, and each
	 * run's caller gets a {@link BackfillStoppedException}. Returns once every run has ended (its segments released,
	 * its caller told), or after a run's lease duration at most: until then, the client the runs use must stay open.
	 */
	public void stop() {
		this.running.forEach((run) -> run.run().stop());
		for (Running run : this.running) {
			Thread current = Thread.currentThread();
			if (run.caller() != current && !run.run().runsOn(current)) {
				run.awaitEnd();
			}
		}
	}

	/**
	 * Stops every run of this instance when its application context closes (see {@link #stop()}), before the
	 * template's client, which the backfills depend on, is closed: the runs release their segments, so another
	 * instance takes them over at once instead of after their leases expire, and their callers get a
	 * {@link BackfillStoppedException}.
	 */
	@Override
	public void destroy() {
		stop();
	}

	/**
	 * Sets the options the methods without options use.
	 * @param defaults the default options
	 */
	public void setDefaults(BackfillOptions defaults) {
		this.defaults = defaults;
	}

	/**
	 * Returns the options the methods without options use.
	 * @return the default options
	 */
	public BackfillOptions getDefaults() {
		return this.defaults;
	}

	/**
	 * Adds a listener told of every complete run. A {@link SingleTableDefinitions} added as listener records the
	 * definitions each complete run brought up to date, in place of the backfills' own record of them.
	 * @param listener the listener
	 */
	public void addListener(BackfillListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Returns the template the backfills work on.
	 * @return the template
	 */
	public SingleTableTemplate getTemplate() {
		return this.template;
	}

	/**
	 * Recomputes the index attributes (type index, {@code gsi*}, filter metadata, TTL) of every latest item of a type
	 * from its current definitions. Content, versions, {@code updated_at} and history are not touched.
	 * @param type the entity type
	 * @return what the run did
	 */
	public BackfillResult reindex(Class<?> type) {
		return reindex(type, this.defaults);
	}

	/**
	 * Recomputes the index attributes of every latest item of a type, with the given options: one
	 * {@code UpdateItem} of the attributes that differ, conditioned on the version (or {@code updated_at}) read,
	 * nothing for an item already right. {@link BackfillSource#AUTO} reads the type index (a parallel scan for a type
	 * that declares its own {@code gsitype} partition, whose items the type index does not list under one).
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did on this instance, once every segment of the run is done
	 * @throws BackfillStoppedException when the calling thread is interrupted or {@link #stop()} is called
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for a type that is no
	 * {@code @SingleTableEntity}, or a run id used by another operation or type
	 */
	public BackfillResult reindex(Class<?> type, BackfillOptions options) {
		SingleTablePersistentEntity<?> metadata = entity("reindex", type);
		ItemSelection selection = ItemSelection.latestItems(metadata, metadata.getPrefix());
		boolean typeIndex = typeIndexSource("reindex", metadata, options, true);
		return run("reindex", metadata, metadata.getPrefix(), selection, typeIndex, options,
				new Reindexer(this.template.getConverter(), metadata, selection));
	}

	/**
	 * Rewrites every resource of a type through a function, in the {@linkplain BackfillOptions#getRewriteMode()
	 * mode} the options give. A function that returns {@code null} or a resource equal to the one it was given
	 * leaves it as it is. {@link RewriteMode#IN_PLACE} rewrites the latest item and the version item it copies with
	 * the stored version and timestamps (blob references kept as stored: a transform does not change blob
	 * properties); {@link RewriteMode#NEW_VERSION} saves it through the template's {@code update}, audited unless
	 * {@link BackfillOptions#withAudited(boolean) withAudited(false)}. The function may be called again for the same
	 * resource (a concurrent write made it read again, or the run resumed), so it must only depend on what it is
	 * given. {@link BackfillSource#AUTO} reads a parallel scan.
	 * @param <T> the entity type
	 * @param type the entity type
	 * @param transform the function
	 * @param options the options
	 * @return what the run did
	 */
	@SuppressWarnings("unchecked")
	public <T> BackfillResult forEach(Class<T> type, UnaryOperator<T> transform, BackfillOptions options) {
		SingleTablePersistentEntity<?> metadata = entity("forEach", type);
		if (transform == null) {
			throw new InvalidDataAccessApiUsageException("Backfill forEach of " + type.getSimpleName()
					+ " needs a transform, not null");
		}
		if (options.getRewriteMode() == RewriteMode.NEW_VERSION && !metadata.isVersioned()
				&& metadata.getVersionProperty() == null && metadata.getLastModifiedDateProperty() == null) {
			// the template updates such an entity without an optimistic condition: a concurrent write would be lost
			throw new InvalidDataAccessApiUsageException("Backfill forEach of " + type.getSimpleName()
					+ " as new versions cannot be conditioned on the state it read: the type has neither a @Version "
					+ "nor a @LastModifiedDate property, so an application's concurrent write would be lost. Add one of "
					+ "them, or rewrite with RewriteMode.IN_PLACE (conditioned on the stored item)");
		}
		ItemSelection selection = ItemSelection.latestItems(metadata, metadata.getPrefix());
		boolean typeIndex = typeIndexSource("forEach", metadata, options, false);
		ItemProcessor processor = (options.getRewriteMode() == RewriteMode.NEW_VERSION)
				? TemplateProcessors.newVersions(this.template, type, transform, options.isAudited())
				: new InPlaceRewriter(this.template.getConverter(), metadata, selection, (UnaryOperator<Object>) transform);
		return run("forEach", metadata, metadata.getPrefix(), selection, typeIndex, options, processor);
	}

	/**
	 * Moves every resource stored under an earlier type prefix, with its whole history, to the type's current
	 * prefix: blob objects copied to the new keys, the history then the latest item written under the new prefix (the
	 * latest item re-indexed from today's definitions, never written over a newer one), then the old items deleted,
	 * the old latest item conditioned on the version read, then the old objects. A run stopped or failed anywhere is
	 * resumed by running it again with the same run id.
	 * @param type the entity type, whose {@code @SingleTableEntity} now names the new prefix
	 * @param fromPrefix the prefix the items are stored under
	 * @param options the options
	 * @return what the run did
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for a singleton type, the type's own prefix,
	 * a prefix another registered type uses, or one that is no prefix
	 */
	public BackfillResult move(Class<?> type, String fromPrefix, BackfillOptions options) {
		SingleTablePersistentEntity<?> metadata = entity("move", type);
		checkMove(metadata, fromPrefix);
		ItemSelection selection = ItemSelection.latestItems(metadata, fromPrefix);
		boolean typeIndex = typeIndexSource("move", metadata, options, true);
		return run("move", metadata, fromPrefix + ">" + metadata.getPrefix(), selection, typeIndex, options,
				new Mover(this.template.getConverter(), metadata, selection, fromPrefix,
						this.template.getBlobStorage() != null));
	}

	/**
	 * Rewrites every item of a type (latest and history) in the compression its definition now names: gzip
	 * {@code data} for a compressed type, attributes for an uncompressed one (a change of level alone rewrites
	 * nothing). Content, versions and timestamps are kept.
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult recompress(Class<?> type, BackfillOptions options) {
		SingleTablePersistentEntity<?> metadata = entity("recompress", type);
		ItemSelection selection = ItemSelection.latestItems(metadata, metadata.getPrefix());
		boolean typeIndex = typeIndexSource("recompress", metadata, options, true);
		return run("recompress", metadata, metadata.getPrefix(), selection, typeIndex, options,
				new Recompressor(this.template.getConverter(), metadata, selection));
	}

	/**
	 * Deletes every item of a type: latest items, history and blob objects, each resource through the template's
	 * {@code delete} conditioned on the version read (an {@code @Audited} type gets its delete rows unless
	 * {@link BackfillOptions#withAudited(boolean) withAudited(false)}).
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult deleteAll(Class<?> type, BackfillOptions options) {
		SingleTablePersistentEntity<?> metadata = entity("deleteAll", type);
		ItemSelection selection = ItemSelection.latestItems(metadata, metadata.getPrefix());
		boolean typeIndex = typeIndexSource("deleteAll", metadata, options, true);
		return run("deleteAll", metadata, metadata.getPrefix(), selection, typeIndex, options,
				TemplateProcessors.deletes(this.template, type, options.isAudited()));
	}

	/**
	 * Runs one backfill and tells the listeners when every segment of the run is done.
	 */
	private BackfillResult run(String operation, SingleTablePersistentEntity<?> metadata, String recordedPrefix,
			ItemSelection selection, boolean typeIndex, BackfillOptions options, ItemProcessor processor) {
		IndexDriftGuard guard = this.template.getIndexDriftGuard();
		if (guard != null && !"deleteAll".equals(operation)) {
			// an instance whose definitions another one recorded newer would rewrite the items the old way
			guard.checkWrite(metadata.getType());
		}
		String runId = (options.getRunId() != null) ? options.getRunId() : ResourceIds.generate();
		BackfillPlan plan = new BackfillPlan(runId, operation, metadata.getType().getSimpleName(), recordedPrefix,
				options.getSegments(), typeIndex, options.getThreads(), options.getLeaseDuration(),
				options.getMaxCapacityPerSecond(), options.getProgressInterval(), options.getMaxAttempts(),
				getInstanceId());
		// the template's driver as the run starts: its blob storage the template's now
		BackfillRun run = new BackfillRun(TemplateExecutors.of(this.template)::run, this.template.getTableName(), plan,
				selection, processor, this.metrics);
		Running running = new Running(run, Thread.currentThread(), new CountDownLatch(1), plan.leaseDuration());
		this.running.add(running);
		try {
			BackfillProgress progress = run.run();
			BackfillResult result = result(plan, metadata.getType(), progress);
			if (this.listeners.stream().noneMatch(SingleTableDefinitions.class::isInstance)) {
				// on its own, as with Spring Boot's record of definitions as listener: the next start finds no drift
				this.definitions.completed(result);
			}
			for (BackfillListener listener : this.listeners) {
				listener.completed(result);
			}
			return result;
		}
		catch (RuntimeException ex) {
			if (run.isStopped()) {
				// stopped while a request was on its way (the context closing): what the caller asked for stopped
				throw new BackfillStoppedException(result(plan, metadata.getType(), run.progress()), ex);
			}
			if (ex instanceof ItemFailedException failed) {
				throw new BackfillFailedException(result(plan, metadata.getType(), run.progress()), failed.getPk(),
						failed.getSk(), failed.getCause());
			}
			throw ex;
		}
		catch (InterruptedException ex) {
			if (run.wasInterrupted()) {
				Thread.currentThread().interrupt();
			}
			throw new BackfillStoppedException(result(plan, metadata.getType(), run.progress()), null);
		}
		finally {
			this.running.remove(running);
			running.ended().countDown();
		}
	}

	/**
	 * A run on its caller's thread, ended once its caller was told how it ended.
	 */
	private record Running(BackfillRun run, Thread caller, CountDownLatch ended, Duration lease) {

		void awaitEnd() {
			try {
				this.ended.await(this.lease.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private static BackfillResult result(BackfillPlan plan, Class<?> type, BackfillProgress progress) {
		BackfillProgress.Counts counts = progress.counts();
		return new BackfillResult(plan.runId(), plan.operation(), type, counts.read(), counts.written(),
				counts.unchanged(), counts.retries(), counts.capacity(), counts.segmentsWorked(), counts.elapsed());
	}

	/**
	 * The mapping of a type a backfill works on, refusing a type that is no entity.
	 */
	private SingleTablePersistentEntity<?> entity(String operation, @Nullable Class<?> type) {
		if (type == null) {
			throw new InvalidDataAccessApiUsageException("Backfill " + operation + " needs an entity type, not null");
		}
		if (!AnnotatedElementUtils.hasAnnotation(type, SingleTableEntity.class)) {
			throw new InvalidDataAccessApiUsageException("Backfill " + operation + " of " + type.getName()
					+ ": the type is not annotated with @SingleTableEntity, so no stored item belongs to it; name the "
					+ "entity type whose items to rewrite");
		}
		return this.template.getConverter().getRequiredEntity(type);
	}

	/**
	 * Refuses a move that cannot be one: of a singleton, from the type's own prefix, from a prefix that is no
	 * prefix or that another registered type stores its items under.
	 */
	private void checkMove(SingleTablePersistentEntity<?> metadata, @Nullable String fromPrefix) {
		String type = metadata.getType().getSimpleName();
		if (fromPrefix == null || fromPrefix.isBlank() || fromPrefix.contains("#")) {
			throw new InvalidDataAccessApiUsageException("Backfill move of " + type + " needs the type prefix its items "
					+ "are stored under (the text before '#' in their pk), not '" + fromPrefix + "'");
		}
		if (metadata.isSingleton()) {
			throw new InvalidDataAccessApiUsageException("Backfill move of " + type + ": a singleton type cannot be "
					+ "moved (its one item is keyed by its prefix); create it under the new prefix and delete the old item");
		}
		if (fromPrefix.equals(metadata.getPrefix())) {
			throw new InvalidDataAccessApiUsageException("Backfill move of " + type + " from '" + fromPrefix
					+ "': that is the type's own prefix, so there is nothing to move; name the prefix its items were "
					+ "stored under before @SingleTableEntity(prefix) changed");
		}
		SingleTablePersistentEntity<?> owner = this.template.getConverter()
			.getMappingContext()
			.getOwningEntity(fromPrefix + "#x");
		if (owner != null && owner != metadata) {
			throw new InvalidDataAccessApiUsageException("Backfill move of " + type + " from '" + fromPrefix + "': "
					+ owner.getType().getSimpleName() + " is registered under that prefix, so its items are not "
					+ type + "'s to move; move from a prefix no registered type uses");
		}
	}

	/**
	 * Whether a run reads the type index (else a parallel scan): the options' source, or for {@code AUTO} the
	 * operation's own choice; refuses the type index for a type that declares its own type-index partition (its
	 * items are not under one partition of it).
	 */
	private static boolean typeIndexSource(String operation, SingleTablePersistentEntity<?> metadata,
			BackfillOptions options, boolean typeIndexByDefault) {
		boolean ownPartition = metadata.getIndexDefinitions().stream().anyMatch((definition) -> definition.isTypeIndex()
				&& (definition.method() != null || (definition.partition() != null && definition.partition().hasProperties())));
		// a run reads one partition of the type index: a type spread over shards has its items under several
		boolean spread = metadata.getTypeIndexShards() > 1;
		return switch (options.getSource()) {
			case TABLE_SCAN -> false;
			case AUTO -> typeIndexByDefault && !ownPartition && !spread;
			case TYPE_INDEX -> {
				if (spread) {
					throw new InvalidDataAccessApiUsageException("Backfill " + operation + " of "
							+ metadata.getType().getSimpleName() + " cannot read the type index: the type spreads its "
							+ "items over " + metadata.getTypeIndexShards() + " shards of it (typeIndexShards); use "
							+ "BackfillSource.TABLE_SCAN");
				}
				if (ownPartition) {
					throw new InvalidDataAccessApiUsageException("Backfill " + operation + " of "
							+ metadata.getType().getSimpleName() + " cannot read the type index: the type declares its "
							+ "own gsitype partition, so its items are not listed under one; use BackfillSource.TABLE_SCAN");
				}
				yield true;
			}
		};
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

	private static String randomSuffix() {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder suffix = new StringBuilder(6);
		for (int i = 0; i < 6; i++) {
			suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
		}
		return suffix.toString().toLowerCase(Locale.ROOT);
	}

}
