package dev.singletable.core.internal.execution;

import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.blob.BlobRequest;
import reactor.core.publisher.Mono;

/**
 * Sends a plan's {@link BlobRequest} to the template's blob storage, blocking or reactive: the one table of what
 * each kind asks of a storage, with the call of either storage that answers it, so that both drivers hand a request
 * to their storage alike (and refuse it alike without one).
 */
final class BlobStorageRequests {

	/** The call of each storage for each kind of request, by the request's class. */
	private static final RequestTable<Call<?>> CALLS = new RequestTable<>(Call::kind,
			(request) -> new IllegalStateException("A template's driver does not send " + request),
			new Call<>(BlobRequest.PutBlob.class,
					(blobs, put) -> put.ifAbsent() ? blobs.writeIfAbsent(put.blob()) : blobs.write(put.blob()),
					// an Optional answer, as the blocking storage's writeIfAbsent gives
					(blobs, put) -> put.ifAbsent()
							? blobs.writeIfAbsent(put.blob()).map(Optional::of).defaultIfEmpty(Optional.empty())
							: blobs.write(put.blob())),
			new Call<>(BlobRequest.ReadBlob.class, (blobs, read) -> blobs.read(read.location(), read.spec(), read.type()),
					(blobs, read) -> blobs.read(read.location(), read.spec(), read.type())),
			new Call<>(BlobRequest.HoldsBlob.class, (blobs, holds) -> blobs.holds(holds.location(), holds.blob()),
					(blobs, holds) -> blobs.holds(holds.location(), holds.blob())),
			new Call<>(BlobRequest.LastModified.class, (blobs, last) -> blobs.lastModified(last.location()),
					(blobs, last) -> blobs.lastModified(last.location())
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty())),
			new Call<>(BlobRequest.CopyBlob.class, (blobs, copy) -> blobs.copy(copy.from(), copy.to()),
					(blobs, copy) -> blobs.copy(copy.from(), copy.to())),
			new Call<>(BlobRequest.DeleteBlobs.class, (blobs, delete) -> blobs.deleteAll(delete.locations()),
					(blobs, delete) -> blobs.deleteAll(delete.locations())),
			new Call<>(BlobRequest.DeleteBlobResource.class,
					(blobs, resource) -> blobs.deleteResource(resource.type(), resource.id()),
					(blobs, resource) -> blobs.deleteResource(resource.type(), resource.id())),
			new Call<>(BlobRequest.ListBlobs.class, (blobs, list) -> blobs.listVersioned(list.type(), list.id()),
					(blobs, list) -> blobs.listVersioned(list.type(), list.id())));

	private BlobStorageRequests() {
	}

	/**
	 * Sends a request to the blocking storage.
	 * @return the answer the request's kind documents
	 * @throws IllegalStateException when the template has no blob storage
	 */
	static Object send(@Nullable BlobStorage blobs, BlobRequest request) {
		if (blobs == null) {
			throw withoutStorage(request);
		}
		return CALLS.entryOf(request).blocking(blobs, request);
	}

	/**
	 * Sends a request to the reactive storage when subscribed.
	 * @return the answer the request's kind documents, or an {@link IllegalStateException} when the template has no
	 * blob storage
	 */
	static Mono<?> send(@Nullable ReactiveBlobStorage blobs, BlobRequest request) {
		if (blobs == null) {
			return Mono.error(withoutStorage(request));
		}
		return CALLS.entryOf(request).reactive(blobs, request);
	}

	private static IllegalStateException withoutStorage(BlobRequest request) {
		return new IllegalStateException("A plan asked for an object request (" + request.getClass().getSimpleName()
				+ ") of a template without blob storage");
	}

	/**
	 * One kind of request: its class, and the call of each storage that answers it.
	 */
	private record Call<Q extends BlobRequest>(Class<Q> kind, BiFunction<BlobStorage, Q, Object> onBlocking,
			BiFunction<ReactiveBlobStorage, Q, Mono<?>> onReactive) {

		Object blocking(BlobStorage blobs, BlobRequest request) {
			return this.onBlocking.apply(blobs, this.kind.cast(request));
		}

		Mono<?> reactive(ReactiveBlobStorage blobs, BlobRequest request) {
			return this.onReactive.apply(blobs, this.kind.cast(request));
		}

	}

}
