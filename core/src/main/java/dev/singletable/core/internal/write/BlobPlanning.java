package dev.singletable.core.internal.write;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;

/**
 * How the {@link BlobStage} prepares a unit's objects, for a writer that does not send through a blocking
 * {@link BlobStorage} (the reactive template, see {@link BlobStage#setPlanning}); the rules of what to prepare,
 * compare and clean up stay in the stage. {@link #of(BlobStorage)} is the blocking
 * storage's.
 */
public interface BlobPlanning {

	/** Encodes a value as stored, checked against its limit (see {@link BlobStorage#prepare}). */
	BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec);


	/**
	 * The preparation of a blocking storage.
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
