package dev.singletable.core.internal.execution;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.direct.RequestCall;
import dev.singletable.internal.direct.RequestTable;

/**
 * Sends a plan's {@link BlobRequest} to the template's blocking {@link BlobStorage}: the table of what each kind asks
 * of the storage, with the call that answers it. {@link ReactiveBlobStorageRequests} is the same table for the
 * reactive storage; the two are apart so that a blocking application loads no class of Reactor (an optional
 * library), which every class here links when it is initialized.
 */
final class BlobStorageRequests {

	/** The call of the storage for each kind of request, by the request's class. */
	private static final RequestTable<RequestCall<BlobStorage, ?, Object>> CALLS = new RequestTable<>(RequestCall::kind,
			DriverFailures::unknown,
			new RequestCall<>(BlobRequest.PutBlob.class,
					(blobs, put) -> put.ifAbsent() ? blobs.writeIfAbsent(put.blob()) : blobs.write(put.blob())),
			new RequestCall<>(BlobRequest.ReadBlob.class,
					(blobs, read) -> blobs.read(read.location(), read.spec(), read.type())),
			new RequestCall<>(BlobRequest.HoldsBlob.class,
					(blobs, holds) -> blobs.holds(holds.location(), holds.blob())),
			new RequestCall<>(BlobRequest.LastModified.class, (blobs, last) -> blobs.lastModified(last.location())),
			new RequestCall<>(BlobRequest.CopyBlob.class, (blobs, copy) -> blobs.copy(copy.from(), copy.to())),
			new RequestCall<>(BlobRequest.DeleteBlobs.class, (blobs, delete) -> blobs.deleteAll(delete.locations())),
			new RequestCall<>(BlobRequest.DeleteBlobResource.class,
					(blobs, resource) -> blobs.deleteResource(resource.type(), resource.id())),
			new RequestCall<>(BlobRequest.ListBlobs.class,
					(blobs, list) -> blobs.listVersioned(list.type(), list.id())));

	private BlobStorageRequests() {
	}

	/**
	 * Sends a request to the blocking storage.
	 * @return the answer the request's kind documents
	 */
	static Object send(BlobStorage blobs, BlobRequest request) {
		return CALLS.entryOf(request).send(blobs, request);
	}

}
