package dev.singletable.core.internal.write.item;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;

import dev.singletable.core.AttributeDropRefusedException;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.Items;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What a failed write condition means: turns a {@link ConditionalCheckFailedException}, or the cancellation
 * reasons of a {@link TransactionCanceledException}, into the domain exception of the write that failed
 * ({@link DuplicateResourceException}, {@link NoSuchResourceException}, {@link VersionConflictException},
 * {@link AttributeDropRefusedException} when the stored item carries a layout attribute the update would drop). Each
 * method returns the exception it was given when no condition it interprets failed, so callers translate what
 * they get: domain exceptions pass the translator unchanged.
 */
public final class ConditionFailures {

	private ConditionFailures() {
	}

	/**
	 * Returns the item a failed conditional write found ({@code ALL_OLD}), {@literal null} when there was none or
	 * the exception is no failed condition.
	 */
	static @Nullable Map<String, AttributeValue> oldItem(RuntimeException ex) {
		return (ex instanceof ConditionalCheckFailedException failed && failed.hasItem()) ? failed.item() : null;
	}

	/**
	 * Returns whether a conditional write failed only because an earlier attempt of its own was applied and only
	 * its response was lost: the stored item is exactly the one written.
	 * @param ex what the write threw
	 * @param written the item written
	 */
	public static boolean isOwnRetry(RuntimeException ex, Map<String, AttributeValue> written) {
		return ex instanceof ConditionalCheckFailedException && Items.same(oldItem(ex), written);
	}

	/**
	 * Returns whether a conditional write of a backfill failed because the item is no longer in the state it was
	 * read in (a concurrent write changed or deleted it): a failed condition, or a transaction cancelled only for
	 * failed conditions. The backfill then reads the item again and retries.
	 * @param ex what the write threw
	 */
	public static boolean isStale(RuntimeException ex) {
		if (ex instanceof ConditionalCheckFailedException) {
			return true;
		}
		if (ex instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
			boolean failed = false;
			for (var reason : cancelled.cancellationReasons()) {
				String code = reason.code();
				if ("ConditionalCheckFailed".equals(code)) {
					failed = true;
				}
				else if (code != null && !"None".equals(code)) {
					return false;
				}
			}
			return failed;
		}
		return false;
	}

	/**
	 * A create whose condition (the item does not exist) failed: the resource exists.
	 */
	public static DuplicateResourceException ofCreate(SingleTablePersistentEntity<?> metadata, String id) {
		return new DuplicateResourceException(metadata.getType(), id);
	}

	/**
	 * An update whose condition on the stored item failed: the resource is gone when nothing was found, else it
	 * changed since it was read.
	 * @param expected what the update expected (version or modification time)
	 * @param old the item found, if any
	 * @param actual what the found item holds in place of {@code expected}
	 */
	public static RuntimeException ofUpdate(SingleTablePersistentEntity<?> metadata, String id, @Nullable Object expected,
			@Nullable Map<String, AttributeValue> old, Function<Map<String, AttributeValue>, @Nullable Object> actual) {
		return ofUpdate(metadata, id, expected, old, actual, List.of());
	}

	/**
	 * An update whose condition on the stored item failed, as {@link #ofUpdate(SingleTablePersistentEntity, String,
	 * Object, Map, Function)} reads it, whose condition also required the absence of layout attributes the update
	 * would drop ({@link DroppedAttributes}): a found item carrying one of them refused the update for that reason,
	 * whatever its version (an update based on the latest state would be refused as well).
	 * @param guarded the attributes the condition required absent
	 */
	public static RuntimeException ofUpdate(SingleTablePersistentEntity<?> metadata, String id, @Nullable Object expected,
			@Nullable Map<String, AttributeValue> old, Function<Map<String, AttributeValue>, @Nullable Object> actual,
			List<String> guarded) {
		if (old == null || old.isEmpty()) {
			return new NoSuchResourceException(metadata.getType(), id, null);
		}
		for (String attribute : guarded) {
			if (old.containsKey(attribute)) {
				return new AttributeDropRefusedException(metadata.getType(), id, attribute);
			}
		}
		return new VersionConflictException(metadata.getType(), id, expected, actual.apply(old));
	}

	/**
	 * A versioned write (history item at 0, latest item at 1) whose condition failed: a failed latest condition is
	 * interpreted as {@link #ofUpdate} (with the layout attributes its condition required absent); a history item that already exists means another writer wrote the same
	 * version.
	 */
	public static RuntimeException ofVersionedWrite(SingleTablePersistentEntity<?> metadata, String id, long base,
			ItemFailures failed, List<String> guarded) {
		return ofVersionedWrite(metadata, id, base, null, -1, failed, guarded);
	}

	/**
	 * A versioned write whose condition failed, which also required the history item of version {@code referred}
	 * (a restore, whose objects are that version's; checked by the item at {@code referredIndex}) to be stored: when
	 * that check failed and the latest item's did not, the version was deleted meanwhile.
	 */
	public static RuntimeException ofVersionedWrite(SingleTablePersistentEntity<?> metadata, String id, long base,
			@Nullable Long referred, int referredIndex, ItemFailures failed, List<String> guarded) {
		if (referred != null && referredIndex >= 0 && failed.failed(referredIndex) && !failed.failed(1)) {
			return new NoSuchResourceException(metadata.getType(), id, referred);
		}
		if (failed.failed(1)) {
			return ofUpdate(metadata, id, base, failed.oldItem(1), ConditionFailures::storedVersion, guarded);
		}
		return new VersionConflictException(metadata.getType(), id, base, null);
	}

	/**
	 * A conditional delete whose condition failed: the resource changed since it was read.
	 * @param expected what the delete expected
	 * @param actual what the stored item holds in its place, if known
	 */
	public static VersionConflictException ofDelete(SingleTablePersistentEntity<?> metadata, String id,
			@Nullable Object expected, @Nullable Object actual) {
		return new VersionConflictException(metadata.getType().getSimpleName() + " '" + id
				+ "' was changed by someone else: the delete was based on " + VersionConflictException.describe(expected)
				+ " but the stored state is " + VersionConflictException.describe(actual)
				+ "; nothing was deleted. Read the latest state and delete it again if it should still go.",
				metadata.getType(), id, expected, actual);
	}

	/**
	 * The delete of an entity as read, required to find its resource ({@code CrudRepository.delete}), whose
	 * resource no longer exists: someone deleted it meanwhile, which the optimistic lock reports as any change.
	 */
	public static VersionConflictException ofGoneDelete(SingleTablePersistentEntity<?> metadata, String id, Object expected) {
		String type = metadata.getType().getSimpleName();
		return new VersionConflictException(type + " '" + id + "' no longer exists: the delete was based on "
				+ VersionConflictException.describe(expected)
				+ ", but the resource was deleted meanwhile (or never stored); nothing was deleted.", metadata.getType(),
				id, expected, null);
	}

	/**
	 * A delete by id of a versioned resource that met a new version each time it read the versions: its latest
	 * item is kept.
	 */
	public static ConcurrencyFailureException ofDeleteById(SingleTablePersistentEntity<?> metadata, String id, int attempts,
			RuntimeException cause) {
		return new ConcurrencyFailureException("The deleteById of " + metadata.getType().getSimpleName() + " '" + id
				+ "' met a new version at each of " + attempts + " attempts; nothing more was deleted, delete it again",
				cause);
	}

	/**
	 * The delete of the latest version (its history item and {@code v0}, conditioned on its version) whose
	 * condition failed: a newer version was written meanwhile.
	 */
	public static VersionConflictException ofLatestVersionDelete(SingleTablePersistentEntity<?> metadata, String id,
			long version) {
		return new VersionConflictException(metadata.getType(), id, version, null);
	}

	/**
	 * A change or delete conditioned on the item's existence (an atomic change, a delete by id) whose condition
	 * failed: the resource does not exist.
	 */
	public static NoSuchResourceException ofMissing(SingleTablePersistentEntity<?> metadata, String id) {
		return new NoSuchResourceException(metadata.getType(), id, null);
	}

	/**
	 * A change of an existing item (one operation, conditioned on the item's existence) whose transaction was
	 * cancelled by that condition: the resource does not exist.
	 */
	public static RuntimeException ofExistingItemChange(SingleTablePersistentEntity<?> metadata, String id,
			TransactionCanceledException ex) {
		return ItemFailures.of(ex, 0, 1).failed(0) ? ofMissing(metadata, id) : ex;
	}

	/**
	 * A condition check of a transaction that failed: what was required of the resource.
	 * @param required the version it had to have, {@literal null} when it had to exist (or, with {@code absent},
	 * not exist)
	 * @param absent whether it had to be absent
	 * @param old the item found, if any
	 */
	public static RuntimeException ofCheck(SingleTablePersistentEntity<?> metadata, String id, @Nullable Long required,
			boolean absent, @Nullable Map<String, AttributeValue> old) {
		if (absent) {
			return new DuplicateResourceException(metadata.getType(), id);
		}
		if (required == null) {
			return new NoSuchResourceException(metadata.getType(), id, null);
		}
		if (old == null || old.isEmpty()) {
			return new NoSuchResourceException(metadata.getType(), id, null);
		}
		Long stored = storedVersion(old);
		return new VersionConflictException(metadata.getType().getSimpleName() + " '" + id + "' is at "
				+ ((stored != null) ? "version " + stored : "another version") + ", not the version " + required
				+ " the transaction requires; nothing was written. Read the latest state and try again.",
				metadata.getType(), id, required, stored);
	}

	/**
	 * Returns the {@code version} attribute of a stored item, {@literal null} when it has none.
	 */
	static @Nullable Long storedVersion(@Nullable Map<String, AttributeValue> item) {
		AttributeValue value = (item != null) ? item.get(ItemAttributes.VERSION) : null;
		return (value != null && value.n() != null) ? Long.valueOf(value.n()) : null;
	}

}
