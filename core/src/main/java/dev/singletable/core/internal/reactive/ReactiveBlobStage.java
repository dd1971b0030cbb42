package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.write.BlobPlanning;
import dev.singletable.core.internal.write.BlobStage;

/**
 * The reactive template's side of the blob stage of its writes on a {@link ReactiveBlobStorage}: units are prepared
 * by the same {@link BlobStage} as the blocking template's (its {@link BlobPlanning} is this: objects encoded by the
 * reactive storage; the plans' comparisons with stored objects are sent by the {@code ReactiveDriver}), and sent inside the
 * stage's plan ({@code BlobSend#around}: locks, uploads, items, outcome), run on the reactive driver.
 */
final class ReactiveBlobStage implements BlobPlanning {

	private final BlobStage planning;

	private volatile @Nullable ReactiveBlobStorage storage;

	/**
	 * @param planning the stage of the template's planning components, whose units this one sends
	 */
	ReactiveBlobStage(BlobStage planning) {
		this.planning = planning;
	}

	/**
	 * Sets the storage, and with it this stage as the planning stage's (none: types with blob properties are
	 * refused with a {@code MissingBlobStorageException} when a unit is built).
	 */
	void setStorage(@Nullable ReactiveBlobStorage storage) {
		this.storage = storage;
		this.planning.setPlanning((storage != null) ? this : null);
	}

	@Nullable ReactiveBlobStorage getStorage() {
		return this.storage;
	}

	private ReactiveBlobStorage requireStorage() {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			throw new IllegalStateException("No ReactiveBlobStorage is set");
		}
		return current;
	}

	// ---- planning ------------------------------------------------------------------------------------------

	@Override
	public BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		return requireStorage().prepare(location, value, spec);
	}

}
