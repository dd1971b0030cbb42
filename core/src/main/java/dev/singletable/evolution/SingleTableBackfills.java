package dev.singletable.evolution;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.singletable.core.SingleTableTemplate;

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
 * share the work, and a run started again resumes from its checkpoints.
 */
public class SingleTableBackfills {

	private final SingleTableTemplate template;

	private BackfillOptions defaults = BackfillOptions.defaults();

	private final List<BackfillListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates backfills on the template's table, converter and mapping.
	 * @param template the template
	 */
	public SingleTableBackfills(SingleTableTemplate template) {
		this.template = template;
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
	 * Adds a listener told of every complete run.
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
	 * Recomputes the index attributes of every latest item of a type, with the given options.
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult reindex(Class<?> type, BackfillOptions options) {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Rewrites every resource of a type through a function, in the {@linkplain BackfillOptions#getRewriteMode()
	 * mode} the options give. A function that returns {@code null} or a resource equal to the one it was given
	 * leaves it as it is.
	 * @param <T> the entity type
	 * @param type the entity type
	 * @param transform the function
	 * @param options the options
	 * @return what the run did
	 */
	public <T> BackfillResult forEach(Class<T> type, UnaryOperator<T> transform, BackfillOptions options) {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Moves every resource stored under an earlier type prefix, with its whole history, to the type's current
	 * prefix.
	 * @param type the entity type, whose {@code @SingleTableEntity} now names the new prefix
	 * @param fromPrefix the prefix the items are stored under
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult move(Class<?> type, String fromPrefix, BackfillOptions options) {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Rewrites every item of a type (latest and history) in the compression its definition now names.
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult recompress(Class<?> type, BackfillOptions options) {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Deletes every item of a type: latest items, history and blob objects.
	 * @param type the entity type
	 * @param options the options
	 * @return what the run did
	 */
	public BackfillResult deleteAll(Class<?> type, BackfillOptions options) {
		throw new UnsupportedOperationException("not yet built");
	}

}
