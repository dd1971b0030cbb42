package dev.singletable.core.internal.write;

import java.util.Collection;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * How the {@link BlobStage} prepares a unit's objects and what it runs after the commit, for a writer that does
 * not send through a blocking {@link BlobStorage} (the reactive template, see {@link BlobStage#setPlanning}); the
 * rules of what to prepare, compare and clean up stay in the stage. {@link #of(BlobStorage)} is the blocking
 * storage's.
 */
public interface BlobPlanning {

	/** Encodes a value as stored, checked against its limit (see {@link BlobStorage#prepare}). */
	BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec);

	/** After the commit: the objects of versions up to {@code upTo} no remaining version refers to. */
	default void removeUnreferenced(SingleTablePersistentEntity<?> metadata, String id, long upTo) {
	}

	/** After the commit: every object of a deleted resource. */
	default void deleteResource(SingleTablePersistentEntity<?> metadata, String id) {
	}

	/** After the commit: the objects of a plain resource's properties an update left without reference. */
	default void deleteFields(SingleTablePersistentEntity<?> metadata, String id, Collection<String> fields) {
	}

	/**
	 * The preparation of a blocking storage (its clean-ups are the stage's own {@link BlobCleanups}).
	 */
	static BlobPlanning of(BlobStorage storage) {
		return new BlobPlanning() {

			@Override
			public BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
				return storage.prepare(location, value, spec);
			}

		};
	}

}
