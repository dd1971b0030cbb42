package dev.singletable.core.internal.plan;

import java.time.Duration;
import java.util.List;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobStorage;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What a plan asks a driver to do: a DynamoDB request, an operation on the blob storage, or a wait. The request says
 * how its failure reaches the plan ({@link Answer}); the driver sends it on its own client and executor, so retries,
 * observations, metrics and exception translation are the driver's, once.
 */
public sealed interface Request {

	/**
	 * A DynamoDB request whose failure the plan gets translated (a read, or a write whose conditions it does not
	 * interpret): {@code GetItem}, {@code Query}, {@code BatchGetItem}, {@code BatchWriteItem},
	 * {@code TransactGetItems}, {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}.
	 * @param request the request, with its table
	 */
	record Plain(DynamoDbRequest request) implements Request {
	}

	/**
	 * A conditional DynamoDB write ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}) whose failed condition
	 * reaches the plan as DynamoDB reports it ({@code ConditionalCheckFailedException}, with the item when asked
	 * for); anything else translated.
	 * @param request the request, with its table
	 */
	record Conditional(DynamoDbRequest request) implements Request {
	}

	/**
	 * A conditional DynamoDB write that may change what the application sees ({@code PutItem}, {@code DeleteItem}):
	 * as {@link Conditional}, except that a request whose answer was lost after the SDK's retries (it may have been
	 * applied) fails with {@code CommitOutcomeUnknownException}.
	 * @param request the request, with its table
	 */
	record Write(DynamoDbRequest request) implements Request {
	}

	/**
	 * Items written as one {@code TransactWriteItems}, with a client request token, sent again after a backoff
	 * while cancelled for a transient reason; a cancellation for failed conditions reaches the plan as DynamoDB
	 * reports it, a lost answer as {@code CommitOutcomeUnknownException}.
	 * @param items the items, in order
	 */
	record Transact(List<TransactWriteItem> items) implements Request {

		public Transact {
			items = List.copyOf(items);
		}

	}

	/**
	 * Plans run side by side, each to its end: the driver runs as many at once as it allows (the blocking one
	 * through the template's {@code ParallelRequests}, the reactive one a few at a time); once one fails, no plan not
	 * yet started is started, and the request fails with the first failure when the ones in flight have ended. The
	 * answer is the {@code List} of their results, in order.
	 * @param plans the plans, independent of each other
	 */
	record Plans(List<Step<?>> plans) implements Request {

		public Plans {
			plans = List.copyOf(plans);
		}

	}

	/**
	 * A pause before a request is sent again: the driver sleeps (blocking) or waits on a timer (reactive). The
	 * answer has no response.
	 * @param duration how long
	 */
	record Wait(Duration duration) implements Request {
	}

	/**
	 * A backoff before a request is sent again (exponential, with jitter), counted as a retry of the operation
	 * being observed. The answer has no response.
	 * @param attempt the attempt that failed, from 1
	 * @param reason why the request is sent again (the metrics' retry reason)
	 */
	record Backoff(int attempt, String reason) implements Request {
	}

	/**
	 * Writes a prepared object to the blob storage. The answer is the {@code StoredBlob}; with {@code ifAbsent}, an
	 * {@code Optional<StoredBlob>}, empty when an object was already stored at the key (see
	 * {@code BlobStorage#writeIfAbsent}).
	 * @param blob the object
	 * @param ifAbsent whether an object already stored at the key is kept
	 */
	record PutBlob(BlobStorage.PreparedBlob blob, boolean ifAbsent) implements Request {
	}

	/**
	 * Whether the object stored at a location holds a prepared value. The answer is a {@code Boolean}.
	 * @param location the location
	 * @param blob the value
	 */
	record HoldsBlob(BlobLocation location, BlobStorage.PreparedBlob blob) implements Request {
	}

	/**
	 * Copies an object to another location. The answer is a {@code Boolean}: {@literal false} when there was no
	 * object to copy.
	 * @param from the object's location
	 * @param to where the copy goes
	 */
	record CopyBlob(BlobLocation from, BlobLocation to) implements Request {
	}

	/**
	 * Deletes objects (none stored at a location is no failure). The answer is the {@code Integer} count.
	 * @param locations the locations
	 */
	record DeleteBlobs(List<BlobLocation> locations) implements Request {

		public DeleteBlobs {
			locations = List.copyOf(locations);
		}

	}

	/**
	 * Deletes every object of a resource. The answer is the {@code Integer} count.
	 * @param type the resource type name
	 * @param id the resource id
	 */
	record DeleteBlobResource(String type, String id) implements Request {
	}

	/**
	 * Lists the objects of a versioned resource. The answer is a {@code List<BlobLocation>}.
	 * @param type the resource type name
	 * @param id the resource id
	 */
	record ListBlobs(String type, String id) implements Request {
	}

}
