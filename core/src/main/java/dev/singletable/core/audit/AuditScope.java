package dev.singletable.core.audit;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Binds {@link AuditDetails} to the current thread for a block of code: every audited change made in it — through
 * the template, a repository, {@code template.transaction(...)} or a {@code @Transactional} method — has its audit
 * row's {@code changed_by} and {@code audit_metadata} taken from them.
 * <pre class="code">
 * Order saved = AuditScope.call(AuditDetails.changedBy("nightly-import").with("reason", "backfill"),
 *         () -&gt; orders.save(order));
 * </pre>
 * Scopes nest: an inner scope's details are merged over the outer ones' ({@link AuditDetails#merge}: its changer if
 * it names one, its keys over theirs), and the outer details are bound again when the block ends, normally or by an
 * exception. What a row says is decided when its change is made — in a transaction, when the operation is queued,
 * not at the commit — so one transaction can hold changes made in different scopes.
 * <p>
 * Precedence, lowest first: the {@code AuditorAware} (for {@code changed_by}) and the {@link AuditMetadataProvider}
 * (for metadata), then the scopes, outer to inner. {@code @CreatedBy}/{@code @LastModifiedBy} properties still come
 * from the {@code AuditorAware}. The binding is a thread-local: work handed to other threads inside the block does
 * not see it.
 * <p>
 * A block may also be run {@linkplain #callUnaudited unaudited}: its changes add no audit row at all (a data repair
 * or a backfill that must not show in the log), while the types' audit options are still checked. The reactive
 * template reads the scope of the thread that calls an operation, when it is called: the details, and whether it
 * is unaudited, hold wherever the operation is subscribed.
 */
public final class AuditScope {

	private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

	private AuditScope() {
	}

	/**
	 * Runs a block with details bound (merged over those already bound).
	 * @param details the details; must not be {@literal null}
	 * @param block the block; must not be {@literal null}
	 */
	public static void run(AuditDetails details, Runnable block) {
		Assert.notNull(block, "Block must not be null");
		call(details, () -> {
			block.run();
			return null;
		});
	}

	/**
	 * Runs a block with details bound (merged over those already bound) and returns its result.
	 * @param <T> the result type
	 * @param details the details; must not be {@literal null}
	 * @param block the block; must not be {@literal null}
	 * @return what the block returned
	 */
	public static <T extends @Nullable Object> T call(AuditDetails details, Supplier<T> block) {
		Assert.notNull(details, "AuditDetails must not be null");
		Assert.notNull(block, "Block must not be null");
		Bound outer = CURRENT.get();
		return within((outer != null) ? new Bound(outer.details().merge(details), outer.unaudited())
				: new Bound(details, false), block);
	}

	/**
	 * Runs a block whose changes, on this thread, add no audit row, and returns its result; scopes opened inside it
	 * change the details, not this. The audited types' options are still checked, and their other writes (versions,
	 * counts, blob objects) are made as always.
	 * @param <T> the result type
	 * @param block the block; must not be {@literal null}
	 * @return what the block returned
	 */
	public static <T extends @Nullable Object> T callUnaudited(Supplier<T> block) {
		Assert.notNull(block, "Block must not be null");
		Bound outer = CURRENT.get();
		return within(new Bound((outer != null) ? outer.details() : AuditDetails.none(), true), block);
	}

	/**
	 * Runs a block whose changes, on this thread, add no audit row ({@link #callUnaudited}).
	 * @param block the block; must not be {@literal null}
	 */
	public static void runUnaudited(Runnable block) {
		Assert.notNull(block, "Block must not be null");
		callUnaudited(() -> {
			block.run();
			return null;
		});
	}

	/**
	 * Returns the details bound to the current thread.
	 * @return the merged details of the enclosing scopes, {@link AuditDetails#none()} outside any
	 */
	public static AuditDetails current() {
		Bound current = CURRENT.get();
		return (current != null) ? current.details() : AuditDetails.none();
	}

	/**
	 * Returns whether the current thread runs a block whose changes add no audit row ({@link #callUnaudited}).
	 * @return {@literal true} inside such a block
	 */
	public static boolean isUnaudited() {
		Bound current = CURRENT.get();
		return current != null && current.unaudited();
	}

	private static <T extends @Nullable Object> T within(Bound bound, Supplier<T> block) {
		Bound outer = CURRENT.get();
		CURRENT.set(bound);
		try {
			return block.get();
		}
		finally {
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/** What a scope binds: the merged details, and whether its changes add no row. */
	private record Bound(AuditDetails details, boolean unaudited) {
	}

}
