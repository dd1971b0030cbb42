package dev.singletable.core.internal.execution;

import java.util.Optional;

import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.direct.RequestCall;
import dev.singletable.internal.direct.RequestTable;
import reactor.core.publisher.Mono;

/**
 * Sends a plan's {@link BlobRequest} to the template's {@link ReactiveBlobStorage} when subscribed: the table of
 * {@link BlobStorageRequests} for the reactive storage, each answer the one the blocking storage gives (an
 * {@link Optional} where it gives one), so that both drivers hand a plan the same answers.
 */
final class ReactiveBlobStorageRequests {

	/** The call of the storage for each kind of request, by the request's class. */
	private static final RequestTable<RequestCall<ReactiveBlobStorage, ?, Mono<?>>> CALLS = new RequestTable<>(
			RequestCall::kind,
			DriverFailures::unknown,
			new RequestCall<>(BlobRequest.PutBlob.class,
					(blobs, put) -> put.ifAbsent()
							? blobs.writeIfAbsent(put.blob()).map(Optional::of).defaultIfEmpty(Optional.empty())
							: blobs.write(put.blob())),
			new RequestCall<>(BlobRequest.ReadBlob.class,
					(blobs, read) -> blobs.read(read.location(), read.spec(), read.type())),
			new RequestCall<>(BlobRequest.HoldsBlob.class,
					(blobs, holds) -> blobs.holds(holds.location(), holds.blob())),
			new RequestCall<>(BlobRequest.LastModified.class,
					(blobs, last) -> blobs.lastModified(last.location())
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty())),
			new RequestCall<>(BlobRequest.CopyBlob.class, (blobs, copy) -> blobs.copy(copy.from(), copy.to())),
			new RequestCall<>(BlobRequest.DeleteBlobs.class, (blobs, delete) -> blobs.deleteAll(delete.locations())),
			new RequestCall<>(BlobRequest.DeleteBlobResource.class,
					(blobs, resource) -> blobs.deleteResource(resource.type(), resource.id())),
			new RequestCall<>(BlobRequest.ListBlobs.class,
					(blobs, list) -> blobs.listVersioned(list.type(), list.id())));

	private ReactiveBlobStorageRequests() {
	}

	/**
	 * Sends a request to the reactive storage when subscribed.
	 * @return the answer the request's kind documents
	 */
	static Mono<?> send(ReactiveBlobStorage blobs, BlobRequest request) {
		return CALLS.entryOf(request).send(blobs, request);
	}

}
