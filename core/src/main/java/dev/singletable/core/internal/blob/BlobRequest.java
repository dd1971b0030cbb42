package dev.singletable.core.internal.blob;

import java.util.List;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.internal.plan.Request;
import tools.jackson.databind.JavaType;

/**
 * What a write's plan asks of the template's blob storage: the driver hands each kind to the storage it was given,
 * which plans its S3 requests itself.
 */
public sealed interface BlobRequest extends Request.Blob {

	/**
	 * Writes a prepared object to the blob storage. The answer is the {@code StoredBlob}; with {@code ifAbsent}, an
	 * {@code Optional<StoredBlob>}, empty when an object was already stored at the key (see
	 * {@code BlobStorage#writeIfAbsent}).
	 * @param blob the object
	 * @param ifAbsent whether an object already stored at the key is kept
	 */
	record PutBlob(BlobStorage.PreparedBlob blob, boolean ifAbsent) implements BlobRequest {
	}

	/**
	 * Reads the value of an object. The answer is the value, none for a JSON {@code null}.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type the value is read as
	 */
	record ReadBlob(BlobLocation location, BlobSpec spec, JavaType type) implements BlobRequest {
	}

	/**
	 * Whether the object stored at a location holds a prepared value. The answer is a {@code Boolean}.
	 * @param location the location
	 * @param blob the value
	 */
	record HoldsBlob(BlobLocation location, BlobStorage.PreparedBlob blob) implements BlobRequest {
	}

	/**
	 * When the object at a location was last written. The answer is an {@code Optional} of its {@code Instant},
	 * empty when there is no object.
	 * @param location the location
	 */
	record LastModified(BlobLocation location) implements BlobRequest {
	}

	/**
	 * Copies an object to another location. The answer is a {@code Boolean}: {@literal false} when there was no
	 * object to copy.
	 * @param from the object's location
	 * @param to where the copy goes
	 */
	record CopyBlob(BlobLocation from, BlobLocation to) implements BlobRequest {
	}

	/**
	 * Deletes objects (none stored at a location is no failure). The answer is the {@code Integer} count.
	 * @param locations the locations
	 */
	record DeleteBlobs(List<BlobLocation> locations) implements BlobRequest {

		public DeleteBlobs {
			locations = List.copyOf(locations);
		}

	}

	/**
	 * Deletes every object of a resource. The answer is the {@code Integer} count.
	 * @param type the resource type name
	 * @param id the resource id
	 */
	record DeleteBlobResource(String type, String id) implements BlobRequest {
	}

	/**
	 * Lists the objects of a versioned resource. The answer is a {@code List<BlobLocation>}.
	 * @param type the resource type name
	 * @param id the resource id
	 */
	record ListBlobs(String type, String id) implements BlobRequest {
	}

}
