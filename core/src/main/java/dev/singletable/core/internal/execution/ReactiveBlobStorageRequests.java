package dev.singletable.core.internal.execution;

import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.blob.BlobRequest;
import reactor.core.publisher.Mono;

/**
 * Sends a plan's {@link BlobRequest} to the template's {@link ReactiveBlobStorage} when subscribed: the table of
 * {@link BlobStorageRequests} for the reactive storage, each answer the one the blocking storage gives (an
 * {@link Optional} where it gives one), so that both drivers hand a plan the same answers.
 */
final class ReactiveBlobStorageRequests {

	/** The call of the storage for each kind of request, by the request's class. */
	private static final RequestTable<Call<?>> CALLS = new RequestTable<>(Call::kind,
			BlobStorageRequests::unknown,
			new Call<>(BlobRequest.PutBlob.class,
					(blobs, put) -> put.ifAbsent()
							? blobs.writeIfAbsent(put.blob()).map(Optional::of).defaultIfEmpty(Optional.empty())
							: blobs.write(put.blob())),
			new Call<>(BlobRequest.ReadBlob.class, (blobs, read) -> blobs.read(read.location(), read.spec(), read.type())),
			new Call<>(BlobRequest.HoldsBlob.class, (blobs, holds) -> blobs.holds(holds.location(), holds.blob())),
			new Call<>(BlobRequest.LastModified.class,
					(blobs, last) -> blobs.lastModified(last.location())
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty())),
			new Call<>(BlobRequest.CopyBlob.class, (blobs, copy) -> blobs.copy(copy.from(), copy.to())),
			new Call<>(BlobRequest.DeleteBlobs.class, (blobs, delete) -> blobs.deleteAll(delete.locations())),
			new Call<>(BlobRequest.DeleteBlobResource.class,
					(blobs, resource) -> blobs.deleteResource(resource.type(), resource.id())),
			new Call<>(BlobRequest.ListBlobs.class, (blobs, list) -> blobs.listVersioned(list.type(), list.id())));

	private ReactiveBlobStorageRequests() {
	}

	/**
	 * Sends a request to the reactive storage when subscribed.
	 * @return the answer the request's kind documents, or an {@link IllegalStateException} when the template has no
	 * blob storage
	 */
	static Mono<?> send(@Nullable ReactiveBlobStorage blobs, BlobRequest request) {
		if (blobs == null) {
			return Mono.error(BlobStorageRequests.withoutStorage(request));
		}
		return CALLS.entryOf(request).send(blobs, request);
	}

	/**
	 * One kind of request: its class, and the call of the storage that answers it.
	 */
	private record Call<Q extends BlobRequest>(Class<Q> kind, BiFunction<ReactiveBlobStorage, Q, Mono<?>> call) {

		Mono<?> send(ReactiveBlobStorage blobs, BlobRequest request) {
			return this.call.apply(blobs, this.kind.cast(request));
		}

	}

}
